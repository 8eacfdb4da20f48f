/** The files of an exported program besides index.ts: fixed text, so the same tenant gives the same bytes. */

export function programFiles(opts: { project: string; packageName: string; packageVersion: string; origin: string; counts: string }): Record<string, string> {
    const packageJson = {
        name: opts.project,
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": "^3.249.0", [opts.packageName]: `^${opts.packageVersion}` },
        devDependencies: { "@types/node": "^22.0.0", typescript: "^5.9.0" },
    };
    const tsconfig = {
        compilerOptions: {
            strict: true,
            target: "ES2022",
            module: "commonjs",
            moduleResolution: "node",
            esModuleInterop: true,
            skipLibCheck: true,
            outDir: "bin",
        },
        files: ["index.ts"],
    };
    return {
        "Pulumi.yaml": `name: ${opts.project}\nruntime: nodejs\ndescription: ISC objects exported from ${opts.origin}\n`,
        "package.json": JSON.stringify(packageJson, null, 2) + "\n",
        "tsconfig.json": JSON.stringify(tsconfig, null, 2) + "\n",
        "README.md": [
            `# ${opts.project}`,
            "",
            `Exported by \`${opts.packageName} export\` from ${opts.origin} (${opts.counts}).`,
            "",
            "Every resource adopts its existing object (`adoptId`) and declares exactly what the tenant holds, so the first",
            "`pulumi up` takes the objects over and writes nothing. From then on, edit the program and `pulumi up` sends the",
            "smallest JSON Patch for each change; `pulumi preview --refresh --expect-no-changes` catches edits made in the UI.",
            "",
            "```sh",
            "npm install",
            "pulumi stack init <stack>",
            `pulumi config set isc:baseUrl ${opts.origin}`,
            "export SAIL_CLIENT_ID=... SAIL_CLIENT_SECRET=...   # or: pulumi config set isc:clientId / --secret isc:clientSecret",
            "pulumi up            # adopts every object: 0 creates, 0 updates",
            "```",
            "",
            "References to identities, sources, entitlements and governance groups are lookups by name (alias, name, value)",
            "where that name finds exactly one object, so the program also runs against another tenant holding the same",
            "names; an id with a comment marks the references that are not (`adoptId`s are this tenant's: remove them to",
            "create the objects in another tenant).",
            "",
        ].join("\n"),
    };
}
