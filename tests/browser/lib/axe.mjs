// Runs axe-core in a page and turns its violations into text a developer can act on.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Injects axe and runs it on the whole document; resolves to { violations, incomplete }. addScriptTag({path}) inlines the file, which a
 * CSP without 'unsafe-inline' blocks: callers open the page in a context with bypassCSP: true.
 */
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    // Only what the report needs: the full result does not survive serialisation well.
    const brief = (v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
    });
    // "incomplete" is what axe could not decide (e.g. contrast over a gradient): for a human to check.
    return { violations: result.violations.map(brief), incomplete: result.incomplete.map(brief) };
  }, AXE_TAGS);
}

const SHOWN_NODES = 4;

/** One block per violation: impact, rule, help text, and the first few elements with why they fail. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, SHOWN_NODES).map((n) => {
        const why = n.summary.replace(/\s*\n\s*/g, ' / ');
        return `      → ${n.target}\n          ${why}`;
      });
      const more = v.nodes.length > SHOWN_NODES ? [`      … and ${v.nodes.length - SHOWN_NODES} more`] : [];
      return [`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))`, `      ${v.helpUrl}`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}
