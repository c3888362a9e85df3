// The checks' options that lower floors (measure/, browser/, trust/, this folder) read by name,
// taken from the fields the checks' modules (harness/src/checks/) declare on AppEntry and
// Service, so those floors need not import a check.
import type { AppEntry, Service } from './types.ts';

export type HttpExpectation = NonNullable<Service['http']>[number];
export type BrowserCheck = NonNullable<Service['browser']>;
export type BrowserStep = BrowserCheck['steps'][number];
export type Alternative = NonNullable<AppEntry['alternatives']>[number];
export type ComposeCheck = NonNullable<AppEntry['compose']>;
export type TestTarget = NonNullable<AppEntry['test']>;
export type TlsProbe = NonNullable<AppEntry['tls']>;
