// The rule of tests/common/shared.rs for the JS tests: a test that needs a file under
// ../shared (the project's data beside the repo) skips where it is missing, but fails
// loudly under CI (`CI` set: ../shared must be there).
import { existsSync } from 'node:fs';

/** `false` when `path` exists (run the test); else a skip reason, or a throw under CI. */
export function needShared(path) {
  if (existsSync(path)) return false;
  if (process.env.CI) throw new Error(`${path} is missing: CI runs with ../shared beside the repo`);
  return `${path} not found`;
}
