import type { DbModuleOptions } from '@chat/db';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SourceGraph, SqlInSource } from './sql-in-source';
import { Relation, relationsOf } from './sql-relations';

/** A service and the database its root module declares. */
export interface ServiceDatabase {
  /** Its source folder, e.g. `apps/chat-service/src`. */
  dir: string;
  db: DbModuleOptions;
}

/** Who owns what, as the services' migrations create it. */
export interface Ownership {
  /** Each service's own schema and the tables its migrations create there. */
  tables: Map<string, { schema: string; tables: Set<string> }>;
  /** Each read contract (a schema of views): its owner and its views. */
  contracts: Map<string, { owner: string; views: Set<string> }>;
  /** What the migrations do that breaks ownership (empty when all is well). */
  problems: string[];
}

/** Files whose SQL-looking strings are messages about SQL, not statements. */
const NOT_SQL = new Set(['libs/db/src/migrations/migration-sql.ts']);

/** The migrator's bookkeeping, created by it in every service's own schema. */
const MIGRATOR_TABLES = ['schema_migrations'];

/** Reads every service's migrations: the tables each creates, and the views of each contract. */
export async function ownershipOf(services: readonly ServiceDatabase[], root: string): Promise<Ownership> {
  const ownership: Ownership = { tables: new Map(), contracts: new Map(), problems: [] };
  const schemaOwners = new Map<string, string>();
  for (const { db } of services) {
    const schema = db.schema!;
    const owned = new Set(MIGRATOR_TABLES);
    ownership.tables.set(db.service, { schema, tables: owned });
    if (schemaOwners.has(schema))
      ownership.problems.push(`${db.service} and ${schemaOwners.get(schema)} share the schema ${schema}`);
    schemaOwners.set(schema, db.service);
    for (const set of db.migrations ?? []) {
      for (const file of readdirSync(set.dir)
        .filter((f) => f.endsWith('.sql'))
        .sort()) {
        const where = `${db.service}: ${relative(root, join(set.dir, file))}`;
        const effect = await relationsOf(readFileSync(join(set.dir, file), 'utf8'));
        for (const table of effect.createsTables) {
          if (table.schema && table.schema !== schema)
            ownership.problems.push(`${where} creates ${table.schema}.${table.name} outside ${schema}`);
          owned.add(table.name);
        }
        for (const to of effect.movesTo)
          if (to !== schema) ownership.problems.push(`${where} moves a table into ${to}, not ${schema}`);
        for (const created of effect.createsSchemas) {
          const owner = schemaOwners.get(created);
          if (owner && owner !== db.service)
            ownership.problems.push(`${where} creates ${owner}'s schema ${created}`);
          schemaOwners.set(created, db.service);
          if (created !== schema) ownership.contracts.set(created, { owner: db.service, views: new Set() });
        }
        for (const { view, reads } of effect.createsViews) {
          const contract = view.schema ? ownership.contracts.get(view.schema) : undefined;
          if (!contract || contract.owner !== db.service) {
            ownership.problems.push(`${where} creates a view outside a read contract of its own`);
            continue;
          }
          contract.views.add(view.name);
          for (const source of reads)
            if (!owned.has(source.name) || (source.schema && source.schema !== schema))
              ownership.problems.push(
                `${where}: view ${view.name} reads ${label(source)}, not a table of its own`,
              );
        }
      }
    }
  }
  return ownership;
}

/** A statement of a service that touches a table it does not own or read through a contract. */
export interface Violation {
  service: string;
  at: string;
  relation: string;
  why: string;
}

/** Checks one statement's relations against the service's own tables and declared contracts. */
export function violationsOf(
  service: ServiceDatabase,
  ownership: Ownership,
  statement: SqlInSource,
  relations: readonly Relation[],
): Violation[] {
  const own = ownership.tables.get(service.db.service)!;
  const reads = service.db.reads ?? [];
  const at = `${statement.file}:${statement.line}`;
  const found: Violation[] = [];
  const violation = (relation: Relation, why: string) =>
    found.push({ service: service.db.service, at, relation: label(relation), why });
  for (const relation of relations) {
    if (relation.schema === 'public') continue; // the adoption of pre-schema tables (migrations only)
    if (relation.schema && relation.schema !== own.schema && !reads.includes(relation.schema)) {
      violation(relation, `${relation.schema} is neither its schema nor a read contract it declares`);
      continue;
    }
    const ownsIt = (!relation.schema || relation.schema === own.schema) && own.tables.has(relation.name);
    if (ownsIt) continue;
    const contract = reads.find(
      (schema) =>
        (!relation.schema || relation.schema === schema) &&
        ownership.contracts.get(schema)?.views.has(relation.name),
    );
    if (!contract) violation(relation, 'not a table of its own nor a view of a read contract it declares');
    else if (relation.write) violation(relation, `writes ${contract}'s view, which only its owner changes`);
  }
  return found;
}

/** Every violation in the SQL a service's code runs (its own files and the library code it uses). */
export async function serviceViolations(
  graph: SourceGraph,
  service: ServiceDatabase,
  ownership: Ownership,
): Promise<{ statements: number; violations: Violation[] }> {
  const violations: Violation[] = [];
  let statements = 0;
  for (const file of graph.filesUsedFrom(service.dir)) {
    if (NOT_SQL.has(relative(graph.root, file))) continue;
    for (const statement of graph.sqlIn(file)) {
      statements++;
      const { relations } = await relationsOf(statement.sql).catch((err: Error) => {
        throw new Error(`${statement.file}:${statement.line} is not SQL PostgreSQL parses: ${err.message}`);
      });
      violations.push(...violationsOf(service, ownership, statement, relations));
    }
  }
  return { statements, violations };
}

function label(relation: Relation): string {
  return relation.schema ? `${relation.schema}.${relation.name}` : relation.name;
}
