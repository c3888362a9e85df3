// What a reader would see wrong on the report page, measured in the browser at one width:
// the body scrolling sideways, an element past the right edge, a cell whose text spills out of
// it, raw JSON or literal backticks in the text, a character no installed font draws (a box),
// and axis labels of a chart drawn over each other. Runs inside the page (page.evaluate), so it
// is written as one self-contained function.
/// <reference lib="dom" />

/** The page's faults at the current viewport width, as sentences; empty when it reads right. */
export function pageFaultsInPage(): string[] {
  const faults: string[] = [];
  const width = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > width + 1) faults.push(`the page is ${root.scrollWidth} px wide in a ${width} px window (it scrolls sideways)`);
  const name = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${(el.textContent ?? '').trim().slice(0, 50)}"`;
  for (const el of Array.from(document.querySelectorAll('h1, h2, h3, h4, p, table, canvas, img, pre, .chart'))) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && (rect.right > width + 1 || rect.left < -1))
      faults.push(`${name(el)} is cut by the window's edge (${Math.round(rect.left)}..${Math.round(rect.right)} px of ${width})`);
  }
  for (const cell of Array.from(document.querySelectorAll('td, th'))) {
    if (cell.scrollWidth > cell.clientWidth + 1) faults.push(`${name(cell)}: its text spills out of its cell (${cell.scrollWidth} px in ${cell.clientWidth})`);
  }
  const text = document.body.innerText;
  // Quoted Dockerfile lines and code may hold an exec-form array; the page's own prose may not.
  const prose = document.body.cloneNode(true) as HTMLElement;
  for (const quoted of Array.from(prose.querySelectorAll('q, code, pre, script, style'))) quoted.remove();
  const plain = prose.textContent ?? '';
  const json = /[[{]\s*"[^"\n]{1,40}"\s*[:,]/.exec(plain);
  if (json) faults.push(`raw JSON in the text: "${plain.slice(json.index, json.index + 60)}"`);
  const tick = text.indexOf('`');
  if (tick >= 0) faults.push(`a literal backtick in the text: "${text.slice(Math.max(0, tick - 30), tick + 30)}"`);
  // A character no font has is drawn as the font's "missing glyph" box: the same pixels as a
  // private-use code point no font here holds.
  const canvas = document.createElement('canvas');
  canvas.width = 48;
  canvas.height = 48;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const pixels = (char: string, font: string) => {
    context.clearRect(0, 0, 48, 48);
    context.font = `32px ${font}`;
    context.fillText(char, 4, 36);
    return context.getImageData(0, 0, 48, 48).data.join(',');
  };
  const byFont = new Map<string, Set<string>>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style')) continue;
    const font = getComputedStyle(parent).fontFamily;
    for (const char of node.textContent ?? '') {
      if (char.codePointAt(0)! > 0x7e && !/\s/u.test(char)) {
        if (!byFont.has(font)) byFont.set(font, new Set());
        byFont.get(font)!.add(char);
      }
    }
  }
  for (const [font, chars] of byFont) {
    const missing = pixels('\u{10FFFD}', font);
    for (const char of chars) {
      if (pixels(char, font) === missing)
        faults.push(`"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase()}) has no glyph in ${font}: it shows as a box`);
    }
  }
  // Chart.js is the page's global; a vertical axis whose labels are closer than a line overlap.
  const chartGlobal = (
    window as unknown as {
      Chart?: {
        instances: Record<
          string,
          {
            canvas: HTMLCanvasElement;
            scales: Record<
              string,
              { isHorizontal(): boolean; ticks: { label?: unknown }[]; getPixelForTick(i: number): number; options: { ticks: { font?: { size?: number } } } }
            >;
          }
        >;
      };
    }
  ).Chart;
  for (const chart of Object.values(chartGlobal?.instances ?? {})) {
    for (const [id, scale] of Object.entries(chart.scales)) {
      if (scale.isHorizontal()) continue;
      const size = scale.options.ticks.font?.size ?? 12;
      const shown = scale.ticks
        .map((t, i) => ({ label: t.label, at: scale.getPixelForTick(i) }))
        .filter((t) => t.label !== '' && t.label !== undefined && t.label !== null);
      for (let i = 1; i < shown.length; i++) {
        const gap = Math.abs(shown[i]!.at - shown[i - 1]!.at);
        if (gap < size * 1.1) {
          faults.push(
            `chart ${chart.canvas.id}, axis ${id}: labels "${String(shown[i - 1]!.label)}" and "${String(shown[i]!.label)}" are ${gap.toFixed(1)} px apart (${size} px text): they overlap`,
          );
          break;
        }
      }
    }
  }
  return faults;
}

/** Resolves after two animation frames: Chart.js redraws on a resize in the next one. */
export function twoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
