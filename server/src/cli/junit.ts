/**
 * `check --format junit`: JUnit XML, as GitLab, Jenkins, Azure Pipelines and the GitHub test
 * report actions render it. One <testsuite> per file (named by its path); in it, one failing
 * <testcase> per error or warning, named `rule-id at line:column` with the file as classname,
 * so each finding is its own red row with its message; a file without errors or warnings has
 * one passing testcase (`valid`), so clean files count as passed tests. Information and hints
 * are advice, not failures: they are left out. Text is XML-escaped, and characters XML 1.0
 * cannot carry (most control characters, lone surrogates) are written as \u{…} escapes.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../service';
import { severityName, type FileResult } from './output';

/** XML 1.0 allows tab, LF, CR and these ranges; anything else is shown as an escape. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const failing = (d: Diagnostic) => {
  const s = severityName(d);
  return s === 'error' || s === 'warning';
};

export function toJunit(results: FileResult[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const r of results) {
    const findings = r.diagnostics.filter(failing);
    const file = xmlText(r.file);
    const cases: string[] = [];
    if (findings.length === 0) cases.push(`    <testcase classname="${file}" name="valid"/>`);
    for (const d of findings) {
      const data = (d.data ?? {}) as DiagnosticData;
      const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const name = xmlText(`${String(d.code)} at ${where}`);
      const body = xmlText(`${r.file}:${where}: ${severityName(d)} [${String(d.code)}] ${d.message}${data.field ? `\nfield: ${data.field}` : ''}${data.object ? `\nobject: ${data.object}` : ''}`);
      cases.push(`    <testcase classname="${file}" name="${name}" file="${file}" line="${d.range.start.line + 1}">`, `      <failure type="${severityName(d)}" message="${xmlText(String(d.message))}">${body}</failure>`, '    </testcase>');
    }
    const n = Math.max(1, findings.length);
    tests += n;
    failures += findings.length;
    suites.push(`  <testsuite name="${file}" tests="${n}" failures="${findings.length}" errors="0" skipped="0">`, ...cases, '  </testsuite>');
  }
  out.push(`<testsuites name="podsight check" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>');
  return out.join('\n');
}
