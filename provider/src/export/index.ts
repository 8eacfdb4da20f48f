/**
 * The export (`npx pulumi-sailpoint-isc export`, cli.ts): reads a tenant's segments and access profiles
 * (tenant.ts) and writes a Pulumi program that adopts each (render.ts, files.ts). A tool on top of the package:
 * it may use every layer below, through each one's index.
 */
export { programFiles } from "./files";
export { renderProgram } from "./render";
export type { RenderOptions } from "./render";
export { readTenant } from "./tenant";
export type { ExportOptions, TenantObjects } from "./tenant";
