/** docs/RESOURCES.md is generated from the resources' descriptions; this fails when someone forgot `npm run docs`. */
import * as fs from "fs";
import * as path from "path";
import { resourcesDoc } from "../../scripts/docs";

test("docs/RESOURCES.md matches the resources' descriptions", () => {
    const committed = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "RESOURCES.md"), "utf8");
    expect(committed).toBe(resourcesDoc());
});
