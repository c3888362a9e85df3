// How much smaller one image is than another, in percent: what the reduction check holds an app
// to, the tutorial's size claims are decided on, and the report shows.

export function reductionPercent(singleBytes: number, multiBytes: number): number {
  return singleBytes === 0 ? 0 : (1 - multiBytes / singleBytes) * 100;
}
