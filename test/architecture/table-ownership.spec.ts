import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiGatewayDatabase } from '../../apps/api-gateway/src/database/api-gateway.database';
import { chatServiceDatabase } from '../../apps/chat-service/src/database/chat-service.database';
import { chatupServiceDatabase } from '../../apps/chatup-service/src/database/chatup-service.database';
import { SourceGraph } from './sql-in-source';
import { relationsOf } from './sql-relations';
import { Ownership, ownershipOf, ServiceDatabase, serviceViolations, violationsOf } from './table-ownership';

const ROOT = join(__dirname, '..', '..');
const SERVICES: ServiceDatabase[] = [
  { dir: 'apps/api-gateway/src', db: apiGatewayDatabase },
  { dir: 'apps/chat-service/src', db: chatServiceDatabase },
  { dir: 'apps/chatup-service/src', db: chatupServiceDatabase },
];

/**
 * README "Who owns which table", checked: every table has one service that writes it (its
 * own schema), and a service reads another's data only through the views of a read
 * contract the owner publishes. Static: the SQL in every file a service runs (its own and
 * the library code it imports, followed name by name), parsed by PostgreSQL's parser.
 */
describe('table ownership', () => {
  let ownership: Ownership;
  let graph: SourceGraph;

  beforeAll(async () => {
    ownership = await ownershipOf(SERVICES, ROOT);
    graph = new SourceGraph(ROOT);
  }, 60_000);

  it('gives each service a schema of its own, and each read contract one owner', () => {
    expect(ownership.problems).toEqual([]);
    expect([...ownership.contracts].map(([schema, c]) => [schema, c.owner])).toEqual([
      ['chat_read_v1', 'chat-service'],
      ['event_log_v1', 'chat-service'],
    ]);
  });

  it.each(SERVICES.map((s) => [s.db.service, s] as const))(
    '%s touches only its own tables and the read contracts it declares',
    async (_name, service) => {
      const { statements, violations } = await serviceViolations(graph, service, ownership);
      expect(violations).toEqual([]);
      expect(statements).toBeGreaterThan(10); // it found the service's SQL at all
    },
    60_000,
  );

  it('flags a read of another service’s table, a table outside any contract, and a write to a view', async () => {
    const gateway = SERVICES[0];
    const check = async (sql: string) =>
      violationsOf(
        gateway,
        ownership,
        { file: 'probe.ts', line: 1, sql },
        (await relationsOf(sql)).relations,
      ).map((v) => v.relation);
    expect(await check('SELECT m.content FROM messages m JOIN users u ON u.id = m.sender_id')).toEqual([]);
    expect(await check('SELECT * FROM chat.messages')).toEqual(['chat.messages']);
    expect(await check('SELECT * FROM event_payloads')).toEqual(['event_payloads']);
    expect(await check('WITH x AS (SELECT 1) SELECT * FROM x, processed_commands')).toEqual([
      'processed_commands',
    ]);
    expect(await check('UPDATE chat_members SET last_read_seq = 1')).toEqual(['chat_members']);
  });

  it('is what the README says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('### Who owns which table')[1]?.split('\n### ')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => /^\| `/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const listed = new Map(rows.map((cells) => [unquote(cells[1]), cells]));
    for (const { db } of SERVICES) {
      const own = ownership.tables.get(db.service)!;
      const cells = listed.get(db.service);
      expect({ service: db.service, row: cells && cells.slice(2, 6).map(names) }).toEqual({
        service: db.service,
        row: [
          [own.schema],
          [...own.tables].sort(),
          [...ownership.contracts].filter(([, c]) => c.owner === db.service).map(([schema]) => schema),
          [...(db.reads ?? [])],
        ],
      });
    }
  });
});

function unquote(cell: string): string {
  return cell.replace(/`/g, '');
}

/** `a`, `b` → [a, b]; a cell of `—` is empty. */
function names(cell: string): string[] {
  return cell
    .split(',')
    .map((n) => unquote(n).trim())
    .filter((n) => n && n !== '—')
    .sort();
}
