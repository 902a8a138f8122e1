// Every audit action that can be about a resident has a plain text in their access log, and the
// actions said never to be about a resident are indeed never written with one. Read from the
// source: AuditAction is a type, so its members are taken from audit.ts, and the audit calls from
// the services (and the SQL of the reads in one statement) as they are written.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_LOG_TEXTS,
  NEVER_ABOUT_A_RESIDENT,
  accessLogText,
  reasonForResident,
} from './access-log-texts.js';

const SERVER_SRC = join(import.meta.dirname, '..', '..');

function auditActions(): string[] {
  const source = readFileSync(join(SERVER_SRC, 'platform', 'audit.ts'), 'utf8');
  const union = /export type AuditAction =([^;]*);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The actions written with a resident: object literals with `action` and `objectType` (an audit
 * event) that have a `residentId` or `residentIds` other than `null`, and the actions the SQL
 * functions insert into audit_events (each of those names the residents it read).
 */
function actionsWrittenWithAResident(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SERVER_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const insert of text.matchAll(/insert into audit_events[\s\S]{0,1200}?(;|\$\$)/g)) {
      for (const literal of insert[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g))
        found.set(literal[1] ?? '', file);
    }
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const byName = new Map(
          node.properties.flatMap((p) =>
            p.name && ts.isIdentifier(p.name) ? [[p.name.text, p] as const] : [],
          ),
        );
        const action = byName.get('action');
        const resident = byName.get('residentId') ?? byName.get('residentIds');
        const named =
          resident &&
          !(
            ts.isPropertyAssignment(resident) &&
            resident.initializer.kind === ts.SyntaxKind.NullKeyword
          );
        if (action && byName.has('objectType') && named && ts.isPropertyAssignment(action)) {
          const literals = (expression: ts.Node): string[] =>
            ts.isStringLiteral(expression)
              ? [expression.text]
              : expression.getChildren().flatMap(literals);
          for (const literal of literals(action.initializer)) found.set(literal, file);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

describe("the texts of the resident's access log", () => {
  const actions = auditActions();
  const texts: Record<string, { nl: string; en: string } | undefined> = ACCESS_LOG_TEXTS;
  const never: readonly string[] = NEVER_ABOUT_A_RESIDENT;

  it('reads the actions from audit.ts', () => {
    expect(actions.length).toBeGreaterThan(80);
    expect(actions).toContain('break_glass.open');
  });

  it('has a Dutch and an English text for every action that is not declared never about a resident', () => {
    const missing = actions.filter((action) => !never.includes(action) && !texts[action]);
    expect(missing).toEqual([]);
    for (const action of actions.filter((a) => !never.includes(a))) {
      const text = texts[action];
      expect(text?.nl.trim(), action).toBeTruthy();
      expect(text?.en.trim(), action).toBeTruthy();
      expect(text?.nl, action).not.toContain(action);
    }
  });

  it('lists no action twice, and none that AuditAction no longer has', () => {
    expect(Object.keys(texts).filter((action) => never.includes(action))).toEqual([]);
    expect([...Object.keys(texts), ...never].filter((action) => !actions.includes(action))).toEqual(
      [],
    );
  });

  it('declares never about a resident only actions that are never written with one', () => {
    const written = actionsWrittenWithAResident();
    // The scan finds the calls it should: the portal's own, the services', the SQL functions'.
    for (const action of ['portal.read', 'break_glass.open', 'plan.read', 'household.read'])
      expect(written.has(action), action).toBe(true);
    const wrong = never.filter((action) => written.has(action));
    expect(wrong.map((action) => `${action} (${written.get(action)})`)).toEqual([]);
  });

  it('says how it ended when it did not succeed, and passes on only a reason a person wrote for the file', () => {
    expect(accessLogText('auth.second_factor', 'failure').nl).toBe(
      'voerde een extra inlogcode in (mislukt)',
    );
    expect(accessLogText('plan.read', 'success')).toEqual({
      nl: 'bekeek uw krachtplan',
      en: 'viewed your plan',
    });
    expect(reasonForResident('break_glass.open', 'Crisis: moeder belt in paniek')).toBe(
      'Crisis: moeder belt in paniek',
    );
    expect(reasonForResident('audit.read', 'actor 0190..., period 2026-01-01..')).toBeNull();
    expect(reasonForResident('plan.read', 'version 3')).toBeNull();
  });
});
