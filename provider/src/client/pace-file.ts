/**
 * Pacing across processes. Every pulumi command runs the provider in a new process with a new limiter, but ISC's
 * window still counts the requests the previous command sent in its last 10 s: a `destroy` started right after
 * an `up` sent its first 100 requests into a full window and was answered 429 (the cause of the 429s seen on fast
 * destroys). So each process publishes when its recent requests leave the window, in a small file of its own in
 * a per-user folder (defaultPaceDir), and every limiter of the same (base URL, client id) counts the other processes' slots too.
 *
 * Only times are written (no URL, no client id, no secret: the file name holds a hash of the key). A file whose
 * slots have all left the window is removed by the next reader. When the folder cannot be used, pacing falls back
 * to this process alone, as before.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Where a limiter publishes its slots and reads the other processes'. */
export interface SlotStore {
    /** The window ends of other processes' slots that are still in the window at `now`. */
    others(now: number): number[];
    /** Publishes this process's slot ends (in-flight ones as their latest possible end). */
    publish(ends: number[]): void;
}

/**
 * One folder per user, whatever TMPDIR each process has (pulumi gives its plugins their own, and the programs and
 * tools of one user must still see each other): `$XDG_CACHE_HOME/pulumi-sailpoint-isc/pace`, else `~/.cache/...`.
 */
export function defaultPaceDir(env: NodeJS.ProcessEnv = process.env): string {
    const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(cache, "pulumi-sailpoint-isc", "pace");
}

export class PaceFiles implements SlotStore {
    private readonly prefix: string;
    private readonly own: string;

    private readonly dir: string;

    /** `dir` and `id` (this process's name among the files: its pid) are for tests. */
    constructor(key: string, options: { dir?: string; id?: string } = {}) {
        this.dir = options.dir ?? defaultPaceDir();
        this.prefix = crypto.createHash("sha256").update(key).digest("hex").slice(0, 16);
        this.own = `${this.prefix}-${options.id ?? process.pid}.json`;
    }

    others(now: number): number[] {
        let names: string[];
        try {
            names = fs.readdirSync(this.dir);
        } catch {
            return [];
        }
        const ends: number[] = [];
        for (const name of names) {
            if (!name.startsWith(`${this.prefix}-`) || name === this.own) continue;
            const file = path.join(this.dir, name);
            try {
                const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { ends?: unknown };
                const live = (Array.isArray(parsed.ends) ? parsed.ends : []).filter((e): e is number => typeof e === "number" && e > now);
                if (live.length === 0) fs.rmSync(file, { force: true });
                ends.push(...live);
            } catch {
                // Being written, or removed meanwhile: skip it this time.
            }
        }
        return ends;
    }

    publish(ends: number[]): void {
        try {
            fs.mkdirSync(this.dir, { recursive: true });
            const tmp = path.join(this.dir, `.${this.own}.${crypto.randomBytes(4).toString("hex")}`);
            fs.writeFileSync(tmp, JSON.stringify({ ends }));
            fs.renameSync(tmp, path.join(this.dir, this.own));
        } catch {
            // Pacing across processes is best effort; this process still paces itself.
        }
    }
}
