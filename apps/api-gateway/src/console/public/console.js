/* global document, location */
// The web console: a small app on the client SDK (served as /console/sdk/ from its ES module build).
import { ChatClient } from './sdk/index.js';

const $ = (selector) => document.querySelector(selector);
const state = { client: undefined, chats: new Map(), open: undefined, receipts: {}, typingTimers: new Map() };

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

function logEvent(event) {
  const line = `${event.seq ?? '-'} ${event.type} ${JSON.stringify(event.data)}`;
  $('#events').prepend(text('li', line.length > 300 ? `${line.slice(0, 300)}…` : line));
}

function chatName(chat) {
  if (chat.name) return chat.name;
  const me = state.client.user?.id;
  const others = (chat.members ?? []).filter((m) => m.userId !== me);
  return `private: ${others.map((m) => m.username ?? m.userId.slice(0, 8)).join(', ') || 'me'}`;
}

function renderChats() {
  const list = $('#chats');
  list.replaceChildren();
  for (const chat of state.chats.values()) {
    const li = text('li', chatName(chat), chat.id === state.open ? 'active' : '');
    li.dataset.chatId = chat.id;
    li.addEventListener('click', () => void openChat(chat.id));
    list.append(li);
  }
}

function renderMessage(message) {
  if ($('#messages').querySelector(`[data-message-id="${message.id}"]`)) return; // loaded and pushed
  const mine = message.senderId === state.client.user?.id;
  const li = text('li', message.content, mine ? 'mine' : 'theirs');
  li.dataset.messageId = message.id;
  li.title = `seq ${message.seq} · ${message.createdAt}`;
  $('#messages').append(li);
}

async function loadChats() {
  for (const chat of await state.client.chats()) state.chats.set(chat.id, chat);
  renderChats();
}

async function openChat(chatId) {
  const opening = (state.opening = (state.opening ?? 0) + 1);
  state.open = chatId;
  renderChats();
  $('#chat-title').textContent = chatName(state.chats.get(chatId) ?? { id: chatId, members: [] });
  $('#messages').replaceChildren();
  $('#receipts').textContent = '';
  state.receipts = {};
  for (const el of $('#send-form').elements) el.disabled = false;
  const page = await state.client.messages(chatId, { limit: 50 });
  if (opening !== state.opening) return; // another chat (or this one again) was opened meanwhile
  for (const message of [...page.messages].reverse()) renderMessage(message);
  const newest = page.messages[0];
  if (newest) void state.client.markRead(chatId, newest.seq).catch(logError);
}

function logError(err) {
  logEvent({ type: 'client.error', data: { message: err.message } });
}

function subscribe(client) {
  client.on('event', logEvent);
  client.on('connection', ({ state: s }) => {
    $('#connection').textContent = s;
    $('#connection').className = `badge ${s}`;
  });
  client.on('error', logError);
  client.on('tokens', (tokens) =>
    tokens
      ? sessionStorage.setItem('chat.tokens', JSON.stringify(tokens))
      : sessionStorage.removeItem('chat.tokens'),
  );
  client.on('session.expired', () => location.reload());
  client.on('reset', () => void loadChats());
  client.on('chat.created', (chat) => {
    state.chats.set(chat.id, chat);
    renderChats();
    if (!state.open) void openChat(chat.id);
  });
  client.on('message.created', (message) => {
    if (message.chatId !== state.open) return;
    renderMessage(message);
    $('#typing').textContent = '';
    if (message.senderId !== client.user?.id)
      void client.markRead(message.chatId, message.seq).catch(logError);
  });
  client.on('typing', ({ chatId, userId }) => {
    if (chatId !== state.open || userId === client.user?.id) return;
    $('#typing').textContent = `${userId.slice(0, 8)} is typing…`;
    clearTimeout(state.typingTimers.get(chatId));
    state.typingTimers.set(
      chatId,
      setTimeout(() => ($('#typing').textContent = ''), 3000),
    );
  });
  for (const receipt of ['chat.delivered', 'chat.read'])
    client.on(receipt, ({ chatId, userId, seq }) => {
      if (chatId !== state.open || userId === client.user?.id) return;
      state.receipts[receipt === 'chat.read' ? 'read' : 'delivered'] = seq;
      const { delivered, read } = state.receipts;
      $('#receipts').textContent = `delivered up to #${delivered ?? 0} · read up to #${read ?? 0}`;
    });
  client.on('chatup.matched', ({ chatId, partner, commonTags }) => {
    $('#chatup-status').textContent =
      `matched with ${partner.username} on ${commonTags.join(', ') || 'nothing'}`;
    void loadChats().then(() => openChat(chatId));
  });
  client.on('chatup.expired', () => ($('#chatup-status').textContent = 'nobody found in time'));
}

async function start(client) {
  state.client = client;
  subscribe(client);
  const me = await client.me();
  $('#me').replaceChildren(text('span', `${me.username} · id `), text('code', me.id));
  $('#me code').id = 'me-id';
  $('#auth').hidden = true;
  $('#app').hidden = false;
  await client.connect();
  await loadChats();
}

function newClient(tokens) {
  return new ChatClient({ baseUrl: location.origin, tokens, lastSeq: 'latest' });
}

$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const client = newClient();
  const username = String(form.get('username'));
  const password = String(form.get('password'));
  const register = event.submitter?.value === 'register';
  const tags = String(form.get('tags') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const email = String(form.get('email') || `${username}@example.test`);
  (register ? client.register({ username, password, email, tags }) : client.login(username, password))
    .then(() => start(client))
    .catch((err) => ($('#auth-error').textContent = err.message));
});

$('#send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.elements.content;
  const content = input.value.trim();
  if (!content || !state.open) return;
  input.value = '';
  state.client.sendMessage(state.open, content).catch(logError);
});

let lastTyping = 0;
$('#send-form').elements.content.addEventListener('input', () => {
  if (!state.open || Date.now() - lastTyping < 2000) return;
  lastTyping = Date.now();
  state.client.typing(state.open);
});

$('#new-chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const userId = String(new FormData(event.target).get('userId')).trim();
  state.client
    .createPrivateChat(userId)
    .then(({ chatId }) => loadChats().then(() => openChat(chatId)))
    .catch(logError);
});

$('#chatup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const raw = String(new FormData(event.target).get('tags') ?? '').trim();
  const tags = raw ? raw.split(',').map((t) => t.trim().toLowerCase()) : undefined;
  $('#chatup-status').textContent = 'looking…';
  state.client
    .chatUp(tags)
    .then((r) => r.status === 'waiting' && ($('#chatup-status').textContent = `waiting until ${r.expiresAt}`))
    .catch((err) => ($('#chatup-status').textContent = err.message));
});

$('#logout').addEventListener('click', () => {
  void state.client.logout().finally(() => location.reload());
});

const saved = sessionStorage.getItem('chat.tokens');
if (saved) start(newClient(JSON.parse(saved))).catch(() => sessionStorage.removeItem('chat.tokens'));
