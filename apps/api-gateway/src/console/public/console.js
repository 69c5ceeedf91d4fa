/* global document, location */
// The web console: a small app on the client SDK (served as /console/sdk/ from its ES module build).
// The open chat is rendered from its ChatState (client.chat(id)), which the SDK keeps up to date.
import { ChatClient } from './sdk/index.js';

const $ = (selector) => document.querySelector(selector);
const state = { client: undefined, chats: new Map(), open: undefined, unwatch: undefined };

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
  const me = state.client.session.user?.id;
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

function renderMessages(chat) {
  const me = state.client.session.user?.id;
  const items = chat.messages.map((message) => {
    const li = text(
      'li',
      message.deletedAt ? '(deleted)' : message.content,
      message.senderId === me ? 'mine' : 'theirs',
    );
    li.dataset.messageId = message.id;
    li.title = `seq ${message.seq} · ${message.createdAt}`;
    return li;
  });
  $('#messages').replaceChildren(...items);
}

function renderTyping(chat) {
  const who = chat.typing.map((userId) => userId.slice(0, 8)).join(', ');
  $('#typing').textContent = who ? `${who} is typing…` : '';
}

/** How far the others got: the furthest delivery and read marks among them. */
function renderReceipts(chat) {
  const others = chat.members.filter((m) => m.userId !== state.client.session.user?.id);
  const delivered = Math.max(0, ...others.map((m) => m.deliveredSeq));
  const read = Math.max(0, ...others.map((m) => m.lastReadSeq));
  $('#receipts').textContent = delivered || read ? `delivered up to #${delivered} · read up to #${read}` : '';
}

/** Reads what the others wrote as it arrives in the open chat. */
function markReadIfNew(chat) {
  const newest = chat.messages.at(-1);
  if (!newest || newest.senderId === state.client.session.user?.id) return;
  if (chat.readMark(state.client.session.user?.id) >= newest.seq) return;
  void chat.markRead(newest.seq).catch(logError);
}

async function loadChats() {
  for (const chat of await state.client.listChats()) state.chats.set(chat.id, chat);
  renderChats();
}

async function openChat(chatId) {
  state.unwatch?.();
  state.open = chatId;
  renderChats();
  $('#chat-title').textContent = chatName(state.chats.get(chatId) ?? { id: chatId, members: [] });
  for (const el of $('#send-form').elements) el.disabled = false;
  const chat = state.client.chat(chatId);
  const render = () => {
    renderMessages(chat);
    renderTyping(chat);
    renderReceipts(chat);
  };
  state.unwatch = chat.on('change', ({ parts }) => {
    render();
    if (parts.includes('messages')) markReadIfNew(chat);
  });
  render();
  await chat.load(50).catch(logError);
}

function logError(err) {
  logEvent({ type: 'client.error', data: { message: err.message } });
}

function subscribe(client) {
  const { session, connection } = client;
  connection.on('event', logEvent);
  connection.on('state', ({ state: s }) => {
    $('#connection').textContent = s;
    $('#connection').className = `badge ${s}`;
  });
  client.onError(logError);
  session.on('tokens', (tokens) =>
    tokens
      ? sessionStorage.setItem('chat.tokens', JSON.stringify(tokens))
      : sessionStorage.removeItem('chat.tokens'),
  );
  session.on('expired', () => location.reload());
  connection.on('reset', () => void loadChats());
  connection.on('chat.created', (chat) => {
    state.chats.set(chat.id, chat);
    renderChats();
    if (!state.open) void openChat(chat.id).catch(logError);
  });
  connection.on('chatup.matched', ({ chatId, partner, commonTags }) => {
    $('#chatup-status').textContent =
      `matched with ${partner.username} on ${commonTags.join(', ') || 'nothing'}`;
    void loadChats().then(() => openChat(chatId));
  });
  connection.on('chatup.expired', () => ($('#chatup-status').textContent = 'nobody found in time'));
}

async function start(client) {
  state.client = client;
  subscribe(client);
  const me = await client.session.me();
  $('#me').replaceChildren(text('span', `${me.username} · id `), text('code', me.id));
  $('#me code').id = 'me-id';
  $('#auth').hidden = true;
  $('#app').hidden = false;
  await client.connection.connect();
  await loadChats();
}

function newClient(tokens) {
  return new ChatClient({ baseUrl: location.origin, tokens, lastSeq: 'latest', typingTimeoutMs: 3000 });
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
  (register
    ? client.session.register({ username, password, email, tags })
    : client.session.login(username, password)
  )
    .then(() => start(client))
    .catch((err) => ($('#auth-error').textContent = err.message));
});

$('#send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.elements.content;
  const content = input.value.trim();
  if (!content || !state.open) return;
  input.value = '';
  state.client.chat(state.open).send(content).catch(logError);
});

let lastTyping = 0;
$('#send-form').elements.content.addEventListener('input', () => {
  if (!state.open || Date.now() - lastTyping < 2000) return;
  lastTyping = Date.now();
  state.client.chat(state.open).sendTyping();
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
  state.client.chatUp
    .request(tags)
    .then((r) => r.status === 'waiting' && ($('#chatup-status').textContent = `waiting until ${r.expiresAt}`))
    .catch((err) => ($('#chatup-status').textContent = err.message));
});

$('#logout').addEventListener('click', () => {
  void state.client.session.logout().finally(() => location.reload());
});

const saved = sessionStorage.getItem('chat.tokens');
if (saved) start(newClient(JSON.parse(saved))).catch(() => sessionStorage.removeItem('chat.tokens'));
