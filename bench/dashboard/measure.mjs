// Time from opening /torrents (signed in, navigation start) to an interactive torrents page, in Debian's chromium driven by playwright-core.
// argv: base URL, username, password, runs. Prints one line per run and the median; no assertions.
import { chromium } from "playwright-core";

const [base, username, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 7);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
const login = await context.request.post("/api/v1/auth/login", { data: { username, password } });
if (!login.ok()) throw new Error(`login answered ${login.status()}`);

// Interactive: the list has answered (rows or the empty note shown, no busy marker) and the hub joined `torrents`.
async function once(page) {
  await page.goto("/torrents", { waitUntil: "commit" });
  // Measured in the page from its navigation start (polled each animation frame), so driver round trips do not count.
  const handle = await page.waitForFunction(() =>
    document.querySelector("table.torrents-table") && !document.querySelector("[aria-busy='true']") && Math.round(performance.now()), null, { polling: "raf" });
  const ready = await handle.jsonValue();
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    const calls = performance.getEntriesByType("resource")
      .filter((r) => /\/api\/|\/hubs\//.test(r.name))
      .map((r) => `${new URL(r.name).pathname} ${Math.round(r.startTime)}+${Math.round(r.duration)}`);
    return { ttfb: Math.round(n.responseStart), dcl: Math.round(n.domContentLoadedEventEnd), calls };
  });
  return { ready, ...nav, rows: await page.locator("table.torrents-table tbody tr").count() };
}

const results = [];
for (let i = 0; i < runs; i++) {
  // A fresh page each run; the first run of the context is cold (no cached assets), the rest hit the immutable cache.
  const page = await context.newPage();
  const r = await once(page);
  results.push(r);
  console.log(`run ${i + 1}${i === 0 ? " (cold cache)" : ""}: interactive in ${r.ready} ms (TTFB ${r.ttfb} ms, DOMContentLoaded ${r.dcl} ms, ${r.rows} rows; calls start+duration ms: ${r.calls.join(", ")})`);
  await page.close();
}
const warm = results.slice(1).map((r) => r.ready).sort((a, b) => a - b);
console.log(`cold: ${results[0].ready} ms; warm median: ${warm[Math.floor(warm.length / 2)]} ms over ${warm.length} runs`);
await browser.close();
