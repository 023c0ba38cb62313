import { test } from "node:test";
import assert from "node:assert/strict";
import { pendingLabel } from "../src/fixes/loadingState.js";

test("pending labels: gerund of the first word, particles kept, non-verbs fall back", () => {
  const cases: Record<string, string> = {
    Save: "Saving…",
    "Create order": "Creating…",
    Submit: "Submitting…",
    Star: "Starring…",
    Add: "Adding…",
    Book: "Booking…",
    "Log in": "Logging in…",
    "Sign up": "Signing up…",
    Sync: "Syncing…",
    Pay: "Paying…",
    "New item": "Working…",
    save: "saving…",
  };
  for (const [label, expected] of Object.entries(cases)) assert.equal(pendingLabel(label), expected, label);
});
