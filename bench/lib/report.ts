/** Prints a benchmark's table and writes its figures as JSON under bench/results/. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type Row = Record<string, string | number>;

function repoRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "provider", "package.json"))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error("cannot find the repository root");
        dir = up;
    }
    return dir;
}

export function table(rows: Row[]): string {
    if (rows.length === 0) return "(no rows)";
    const cols = Object.keys(rows[0]);
    const cell = (v: string | number | undefined) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? ""));
    const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
    const line = (vals: string[]) => "| " + vals.map((v, i) => v.padEnd(widths[i])).join(" | ") + " |";
    return [line(cols), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

export function report(name: string, title: string, rows: Row[], extra: Record<string, unknown> = {}): void {
    console.log(`\n## ${title}\n`);
    console.log(table(rows));
    for (const [k, v] of Object.entries(extra)) console.log(`${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
    const dir = path.join(repoRoot(), "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memGiB: Math.round(os.totalmem() / 2 ** 30) };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ name, title, at: new Date().toISOString(), machine, rows, ...extra }, null, 2) + "\n");
}

/** Runs a benchmark when its file is executed directly; a failure prints and exits non-zero. */
export function runMain(run: () => Promise<void> | void): void {
    Promise.resolve()
        .then(run)
        .catch((e: unknown) => {
            console.error(e);
            process.exit(1);
        });
}
