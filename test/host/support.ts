/** Small helpers shared by the host tests. */

export function findByDisplayName(objects: ReadonlyArray<Record<string, unknown>>, name: string): string {
    const found = objects.find((o) => o.name === name || o.displayName === name);
    if (!found || typeof found.id !== "string") throw new Error(`the emulator's seed has no "${name}"`);
    return found.id;
}

