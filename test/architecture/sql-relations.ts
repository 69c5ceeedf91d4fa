import { parse } from 'libpg-query';

/** A table or view a statement names, and whether it changes it. */
export interface Relation {
  schema?: string;
  name: string;
  write: boolean;
}

/** What one statement does, for the ownership checks. */
export interface StatementRelations {
  relations: Relation[];
  /** Schemas it creates (CREATE SCHEMA). */
  createsSchemas: string[];
  /** Tables it creates (CREATE TABLE) or renames to (ALTER TABLE ... RENAME TO). */
  createsTables: Relation[];
  /** Views it creates (CREATE VIEW), with the relations their query reads. */
  createsViews: { view: Relation; reads: Relation[] }[];
  /** Tables it moves into a schema (ALTER TABLE ... SET SCHEMA). */
  movesTo: string[];
}

type Node = Record<string, unknown>;

/** Statements whose `relation` is the table they change. */
const CHANGES_RELATION = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'CreateStmt',
  'IndexStmt',
  'AlterTableStmt',
  'RenameStmt',
  'AlterObjectSchemaStmt',
  'TruncateStmt',
]);

/**
 * The relations of a SQL text, read with PostgreSQL's own parser (libpg-query, compiled to
 * WebAssembly): every table named in FROM, JOIN, INSERT, UPDATE, DELETE, DDL and subqueries,
 * minus the names of common table expressions. A text PostgreSQL cannot parse throws.
 */
export async function relationsOf(sql: string): Promise<StatementRelations> {
  const tree = (await parse(sql)) as { stmts: { stmt: Node }[] };
  const out: StatementRelations = {
    relations: [],
    createsSchemas: [],
    createsTables: [],
    createsViews: [],
    movesTo: [],
  };
  for (const { stmt } of tree.stmts) {
    const [kind, body] = Object.entries(stmt)[0] as [string, Node];
    const ctes = new Set<string>();
    collectCtes(body, ctes);
    const relations = collect(body, kind, ctes);
    out.relations.push(...relations);
    if (kind === 'CreateSchemaStmt') out.createsSchemas.push(body.schemaname as string);
    if (kind === 'CreateStmt') out.createsTables.push(relationOf(body.relation as Node, true));
    if (kind === 'RenameStmt' && body.renameType === 'OBJECT_TABLE')
      out.createsTables.push({ name: body.newname as string, write: true });
    if (kind === 'AlterObjectSchemaStmt') out.movesTo.push(body.newschema as string);
    if (kind === 'ViewStmt') {
      const view = relationOf(body.view as Node, true);
      out.createsViews.push({ view, reads: relations.filter((r) => !r.write) });
    }
  }
  return out;
}

function relationOf(node: Node, write: boolean): Relation {
  const schema = node.schemaname as string | undefined;
  return { ...(schema ? { schema } : {}), name: node.relname as string, write };
}

/** Walks the tree; `relation`/`view` fields of changing statements are writes, other tables reads. */
function collect(node: unknown, statement: string, ctes: ReadonlySet<string>): Relation[] {
  const found: Relation[] = [];
  const visit = (value: unknown, kind: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, kind));
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Node)) {
      if (key === 'RangeVar') add(child as Node, false);
      else if ((key === 'relation' || key === 'view') && isRangeVar(child))
        add(child, CHANGES_RELATION.has(kind) || (key === 'view' && kind === 'ViewStmt'));
      else visit(child, /Stmt$/.test(key) ? key : kind);
    }
  };
  const add = (rangeVar: Node, write: boolean) => {
    const relation = relationOf(rangeVar, write);
    if (!relation.schema && ctes.has(relation.name)) return;
    found.push(relation);
  };
  visit(node, statement);
  return found;
}

function isRangeVar(value: unknown): value is Node {
  return !!value && typeof value === 'object' && typeof (value as Node).relname === 'string';
}

function collectCtes(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectCtes(n, into));
  if (!node || typeof node !== 'object') return;
  for (const [key, child] of Object.entries(node as Node)) {
    if (key === 'CommonTableExpr') into.add((child as Node).ctename as string);
    collectCtes(child, into);
  }
}
