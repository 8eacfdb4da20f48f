/**
 * No file over 400 lines (issue 11): every git-tracked .ts file outside test/ stays at or under MAX_LINES, except the
 * generated resource files (`provider/src/**\/generated.ts`, `provider/src/sdk/*.generated.ts`), which `npm run docs`
 * writes. A failure names each offender and its length.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const MAX_LINES = 400;

/** Written by `npm run docs`, not by hand. */
function generated(file: string): boolean {
    return /^provider\/src\/(.+\/)?generated\.ts$/.test(file) || /^provider\/src\/sdk\/[^/]+\.generated\.ts$/.test(file);
}

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
    const newlines = text.split("\n").length - 1;
    return text === "" || text.endsWith("\n") ? newlines : newlines + 1;
}

function trackedSources(): string[] {
    const listed = execFileSync("git", ["ls-files", "-z", "--", "*.ts"], { cwd: ROOT, encoding: "utf8" }).split("\0");
    // A tracked file someone has just deleted in the working tree has no length to check.
    return listed.filter((f) => f !== "" && !f.startsWith("test/") && !generated(f) && fs.existsSync(path.join(ROOT, f)));
}

test("the line count is wc -l's, plus an unterminated last line", () => {
    expect([lineCount(""), lineCount("a\n"), lineCount("a\nb"), lineCount("a\nb\n")]).toEqual([0, 1, 2, 2]);
});

test("the generated resource files are the only ones exempt", () => {
    expect(generated("provider/src/resources/segment/generated.ts")).toBe(true);
    expect(generated("provider/src/sdk/segment.generated.ts")).toBe(true);
    expect(generated("provider/src/sdk/index.ts")).toBe(false);
    expect(generated("emulator/generated.ts")).toBe(false);
});

test(`every git-tracked .ts file outside test/ has at most ${MAX_LINES} lines`, () => {
    const files = trackedSources();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
        .map((file) => ({ file, lines: lineCount(fs.readFileSync(path.join(ROOT, file), "utf8")) }))
        .filter((f) => f.lines > MAX_LINES)
        .map((f) => `${f.file}: ${f.lines} lines (at most ${MAX_LINES}; split it by concern)`);
    expect(offenders).toEqual([]);
});
