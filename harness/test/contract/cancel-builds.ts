// A test that times out leaves its build running (vitest does not stop the promise): after each
// test and each file, every build still in flight is cancelled, on the engine too.
import { afterAll, afterEach } from 'vitest';
import { cancelInFlightBuilds } from '../../src/engine/build.ts';

afterEach(async () => {
  await cancelInFlightBuilds();
});
afterAll(async () => {
  await cancelInFlightBuilds();
});
