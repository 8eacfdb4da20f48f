/** Small helpers shared by the host tests. */

export function findByDisplayName(objects: ReadonlyArray<{ id: string; name: string }>, name: string): string {
    const found = objects.find((o) => o.name === name);
    if (!found) throw new Error(`the emulator's seed has no "${name}"`);
    return found.id;
}
