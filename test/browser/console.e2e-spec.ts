import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { newAccount } from '../support/api-client';
import { SystemUnderTest } from '../support/system-under-test';

const root = join(__dirname, '..', '..');
const node = (script: string) =>
  spawnSync(process.execPath, [join(root, 'infra', 'scripts', script)], {
    stdio: ['ignore', 'pipe', 'inherit'], // the installer's progress shows on stderr
    encoding: 'utf8',
  });

// Installs Debian's chromium when missing (the project's script); skips only when impossible.
const ensured = node('ensure-chromium.mjs');
const chromiumPath = ensured.status === 0 ? ensured.stdout.trim() : undefined;
if (!chromiumPath)
  process.stderr.write('[browser] SKIPPED: no Chromium could be installed (see the message above)\n');
const describeWithBrowser = chromiumPath ? describe : describe.skip;

/** Flags for a quiet, headless Chromium in CI as root: no sandbox, no background traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--metrics-recording-only',
  '--no-first-run',
  '--mute-audio',
];

/** Two users chatting in two pages of the web console, served by the gateway at /console. */
describeWithBrowser('Web console in Chromium (e2e)', () => {
  const system = new SystemUnderTest();
  let browser: Browser;

  beforeAll(async () => {
    const built = node('build-client.mjs'); // the console loads the SDK's ES module build
    if (built.status !== 0) throw new Error('npm run build:client failed');
    await system.start();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system.stop();
  });

  async function registerIn(page: Page): Promise<string> {
    const account = newAccount();
    await page.goto(`${system.baseUrl}/console/`);
    await page.fill('input[name=username]', account.username);
    await page.fill('input[name=password]', account.password);
    await page.fill('input[name=email]', account.email);
    await page.click('button[value=register]');
    await page.waitForSelector('#connection.open');
    return (await page.textContent('#me-id'))!;
  }

  const message = (page: Page, content: string) =>
    page.waitForSelector(`#messages li:text-is("${content}")`, { timeout: 20_000 });

  it('carries a conversation between two pages, with typing and receipts', async () => {
    const errors: string[] = [];
    const [alice, bob] = await Promise.all(
      [0, 1].map(async () => {
        const page = await (await browser.newContext({ viewport: { width: 1100, height: 560 } })).newPage();
        page.on('pageerror', (err) => errors.push(err.message));
        page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
        return page;
      }),
    );
    await registerIn(alice);
    const bobId = await registerIn(bob);

    await alice.fill('#new-chat-form input[name=userId]', bobId);
    await alice.click('#new-chat-form button');
    await alice.waitForSelector('#send-form input:not([disabled])');
    await bob.waitForSelector('#send-form input:not([disabled])', { timeout: 20_000 }); // chat.created opened it

    await alice.type('#send-form input[name=content]', 'Hello Bob!');
    await bob.waitForSelector('#typing:has-text("is typing")', { timeout: 20_000 });
    await alice.press('#send-form input[name=content]', 'Enter');
    await message(bob, 'Hello Bob!');

    await bob.fill('#send-form input[name=content]', 'Hi Alice, got it.');
    await bob.press('#send-form input[name=content]', 'Enter');
    await message(alice, 'Hi Alice, got it.');
    await message(alice, 'Hello Bob!');
    await alice.waitForSelector('#receipts:has-text("read up to")', { timeout: 20_000 });
    expect(await alice.locator('#events li').count()).toBeGreaterThan(3);

    const shots = await Promise.all([alice, bob].map((p) => p.screenshot()));
    const board = await browser.newPage({ viewport: { width: 2220, height: 580 } });
    await board.setContent(
      `<body style="margin:0;display:flex;gap:20px;background:#888">${shots
        .map((s) => `<img src="data:image/png;base64,${s.toString('base64')}">`)
        .join('')}</body>`,
    );
    const artifacts = join(__dirname, 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    await board.screenshot({ path: join(artifacts, 'two-users.png') });
    expect(errors).toEqual([]);
  });
});
