// The report's teaching section, rendered: each example of the tutorial with what it says, its
// own recipe's result as written and the lab's recipe's result side by side, and the sentence a
// learner needs (report/lessons-model.ts holds them). claims.md gets a table per example; the
// page gets a card per example whose three columns fold into one on a narrow window.
import { markdownTable } from '../format.ts';
import type { LabResult, LessonReport, LessonState, TutorialBuild } from './lessons-model.ts';

export const lessonsTitle = "Each example: the tutorial's recipe beside the lab's";
export const lessonsIntro =
  "For each example of the tutorial: what it says (with its claims' verdicts), its own recipe run as written on this engine (measured where its base images can be had; the engine's own error where it fails as written; where a base image needs a registry, the image it lacks), and the lab's recipe for the same job, with the one sentence that says why the two differ (or, where the tutorial's recipe fails as written, what to change).";

function buildLine(b: TutorialBuild): string {
  return `${b.what}: ${b.result}${b.state === 'measured' && b.bases ? ` (on ${b.bases})` : ''}`;
}

function tutorialLines(l: LessonReport): string[] {
  return l.tutorial.builds.length ? l.tutorial.builds.map(buildLine) : [l.tutorial.note ?? l.tutorial.state];
}

function labLine(lab: LabResult): string {
  return `${lab.result}${lab.bases.length ? `, on ${lab.bases.join(', ')}` : ''}`;
}

const checkWords = (lab: LabResult) => lab.checks.map((c) => `${c.title}: ${c.ok ? 'yes' : 'no'}`).join('; ');

const whyWords = (l: LessonReport) => (l.whyIs === 'what to change' ? 'What to change:' : 'Why they differ:');

function claimWords(l: LessonReport): string {
  return l.claims.map((c) => `\`${c.id}\` ${c.verdict}`).join(', ');
}

/** claims.md's section: per example, a table of the three sides and the sentence under it. */
export function lessonsMarkdown(lessons: LessonReport[]): string[] {
  if (!lessons.length) return [];
  return [
    `## ${lessonsTitle}`,
    '',
    lessonsIntro,
    '',
    ...lessons.flatMap((l) => [
      `### ${l.section}`,
      '',
      markdownTable(
        ['', ''],
        [
          ['the tutorial says', `${l.says}${l.claims.length ? ` (${claimWords(l)})` : ''}`],
          [`its recipe, as written: **${l.tutorial.state}**`, tutorialLines(l).join('; ')],
          [
            `the lab's recipe: **${l.lab.state}**`,
            `${l.lab.app} (\`${l.lab.dockerfile}\`): ${labLine(l.lab)}${l.lab.checks.length ? `; its checks: ${checkWords(l.lab)}` : ''}`,
          ],
        ],
      ),
      '',
      `**${whyWords(l)}** ${l.why}`,
      '',
    ]),
  ];
}

const badgeClass: Record<LessonState | LabResult['state'], string> = {
  measured: 'measured',
  'fails as written': 'fails',
  'not built here': 'waits',
  'not run': 'waits',
  ran: 'measured',
  'not measured': 'fails',
  'not in this run': 'waits',
};

const verdictClass = { holds: 'holds', 'does not hold': 'fails', 'not checked yet': 'waits' } as const;

/** index.html's section; `inline` is the page's text rendering (escaped, `code` as code). */
export function lessonsHtml(lessons: LessonReport[], inline: (text: string) => string): string {
  if (!lessons.length) return '';
  const badge = (state: LessonState | LabResult['state']) => `<span class="badge ${badgeClass[state]}">${inline(state)}</span>`;
  const list = (lines: string[]) => `<ul>${lines.map((line) => `<li>${inline(line)}</li>`).join('')}</ul>`;
  const checks = (lab: LabResult) =>
    lab.checks.length
      ? `<ul class="verdicts">${lab.checks.map((c) => `<li><span class="badge ${c.ok ? 'holds' : 'fails'}">${c.ok ? 'yes' : 'no'}</span> ${inline(c.title)}</li>`).join('')}</ul>`
      : '';
  const cards = lessons.map((l) => {
    const claims = l.claims.length
      ? `<ul class="verdicts">${l.claims.map((c) => `<li><code>${inline(c.id)}</code> <span class="badge ${verdictClass[c.verdict]}">${inline(c.verdict)}</span></li>`).join('')}</ul>`
      : '';
    return `<section class="lesson" id="lesson-${inline(l.id)}"><h3>${inline(l.section)}</h3>
<div class="lesson-sides">
<div class="side"><h4>The tutorial says</h4><p>${inline(l.says)}</p>${claims}</div>
<div class="side"><h4>Its recipe, as written ${badge(l.tutorial.state)}</h4>${list(tutorialLines(l))}</div>
<div class="side"><h4>The lab's recipe: <a href="#app-${inline(l.lab.app)}">${inline(l.lab.app)}</a> ${badge(l.lab.state)}</h4><p class="muted"><code>${inline(l.lab.dockerfile)}</code></p><p>${inline(labLine(l.lab))}</p>${checks(l.lab)}</div>
</div>
<p class="why"><b>${whyWords(l)}</b> ${inline(l.why)}</p></section>`;
  });
  return `<h2 id="lessons">${inline(lessonsTitle)}</h2>\n<p class="muted">${inline(lessonsIntro)}</p>\n${cards.join('\n')}\n`;
}

/** The page's styles for the section: three sides in a row, one under another on a narrow window. */
export const lessonsStyle = `
.lesson { border: 1px solid #e5e7eb; border-radius: 6px; padding: 4px 12px 8px; margin: 12px 0; }
.lesson h3 { margin: 8px 0; } .lesson h4 { margin: 4px 0; font-size: 13px; }
.lesson-sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.lesson-sides .side { min-width: 0; } .lesson-sides ul { margin: 4px 0; padding-left: 18px; } .lesson-sides p { margin: 4px 0; }
.lesson ul.verdicts { list-style: none; padding-left: 0; }
.why { margin: 8px 0 0; padding-left: 8px; border-left: 3px solid #2563eb; }
.measured { background: #dbeafe; color: #1e40af; }
`;
