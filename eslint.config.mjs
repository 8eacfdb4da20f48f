// Lint for every TypeScript file in the repository: ESLint's and typescript-eslint's recommended rules.
// Formatting is prettier's (.prettierrc.json); `npm run lint` runs both, and so does scripts/test.sh.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["build/**", "provider/dist/**", "node_modules/**", "**/*.js", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // `_name` marks a parameter a signature needs but the body does not use.
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
        },
    },
);
