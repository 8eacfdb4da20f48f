/**
 * docs/RESOURCES.md and each resource's two generated files (its plain types in resources/<kind>/generated.ts, its
 * class and `*Args` in sdk/<kind>.generated.ts; the same under provider/src/zpa for ZPA's) are generated from the
 * resources' descriptions; this fails when someone changed a description and forgot `npm run docs`, or edited a
 * generated file by hand.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../../scripts/docs";

const ROOT = path.join(__dirname, "..", "..");

test("every family's plain types and SDK file are among the generated files", () => {
    const files = generatedFiles().map(({ file }) => file);
    expect(files).toEqual(
        expect.arrayContaining([
            "provider/src/resources/segment/generated.ts",
            "provider/src/sdk/segment.generated.ts",
            "provider/src/zpa/resources/segment-group/generated.ts",
            "provider/src/zpa/sdk/segment-group.generated.ts",
        ]),
    );
});

test.each(generatedFiles().map(({ file, text }) => [file, text]))("%s matches the resources' descriptions (run `npm run docs`)", (file, text) => {
    const committed = fs.readFileSync(path.join(ROOT, file), "utf8");
    expect(committed).toBe(text);
});
