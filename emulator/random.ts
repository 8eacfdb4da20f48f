/** A small seeded PRNG (mulberry32): every random choice the emulator makes is reproducible from its seed. */
export type Random = () => number;

export function seeded(seed: number): Random {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** 32 lowercase hex digits, the shape of ISC ids and tracking ids. */
export function hexId(random: Random): string {
    let s = "";
    for (let i = 0; i < 32; i++) s += "0123456789abcdef"[Math.floor(random() * 16)];
    return s;
}
