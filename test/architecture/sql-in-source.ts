import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

/** Stands for a `${...}` inside a SQL template: a column list or a value, never a table name. */
export const INTERPOLATION = 'interpolated_value';

/** One SQL statement written in a source file. */
export interface SqlInSource {
  file: string;
  line: number;
  sql: string;
}

const SQL_START = /^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH|CREATE|ALTER|DROP|TRUNCATE)\b/;

/**
 * The repository's TypeScript, as the compiler sees it (tsconfig.json's paths included), to
 * follow what a service really uses: an import of a library's barrel counts only for the
 * files that declare the names imported, not for everything the barrel re-exports.
 */
export class SourceGraph {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(readonly root: string) {
    const configPath = join(root, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
    this.program = ts.createProgram({
      rootNames: parsed.fileNames.filter((f) => /\/(apps|libs)\//.test(f) && !/\.spec\.ts$/.test(f)),
      options: { ...parsed.options, noEmit: true },
    });
    this.checker = this.program.getTypeChecker();
  }

  /** Every non-test source file under `dir` and the repository files they use, transitively. */
  filesUsedFrom(dir: string): string[] {
    const start = this.program
      .getSourceFiles()
      .map((f) => f.fileName)
      .filter((f) => f.startsWith(join(this.root, dir) + '/'));
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...this.importedFiles(file).filter((f) => !seen.has(f)));
    }
    return [...seen].sort();
  }

  /** The SQL statements written as string literals or templates in `file`. */
  sqlIn(file: string): SqlInSource[] {
    const source = this.program.getSourceFile(file)!;
    const found: SqlInSource[] = [];
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== undefined && SQL_START.test(text)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push({ file: relative(this.root, file), line: line + 1, sql: text });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  /** The repository files declaring what `file` imports (by name, through re-exports). */
  private importedFiles(file: string): string[] {
    const source = this.program.getSourceFile(file);
    if (!source) return [];
    const files = new Set<string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue;
      for (const name of this.importedNames(statement)) {
        const symbol = this.checker.getSymbolAtLocation(name);
        if (!symbol) continue;
        const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
        for (const declaration of target.declarations ?? []) files.add(declaration.getSourceFile().fileName);
      }
    }
    return [...files].filter((f) => f.startsWith(this.root) && !f.includes('/node_modules/'));
  }

  /** The identifiers an import or re-export brings in; for `* as x` or `export *`, the module. */
  private importedNames(statement: ts.ImportDeclaration | ts.ExportDeclaration): ts.Node[] {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) return clause.elements.map((e) => e.name);
      return statement.moduleSpecifier ? [statement.moduleSpecifier] : [];
    }
    const clause = statement.importClause;
    if (!clause) return [statement.moduleSpecifier]; // import 'x': its side effects
    const names: ts.Node[] = clause.name ? [clause.name] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name));
    else if (bindings) names.push(statement.moduleSpecifier);
    return names;
  }
}

/** A literal's text, with each `${...}` of a template replaced by INTERPOLATION. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => INTERPOLATION + span.literal.text).join('');
  return undefined;
}
