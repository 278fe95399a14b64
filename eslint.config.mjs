// ESLint (flat config): eslint's and typescript-eslint's recommended rules. Formatting is Prettier's job
// (.prettierrc.json, checked by lint.test.ts); the only stylistic rule here bounds what Prettier leaves long.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "cdktf.out/",
      "cdktf.out.test/",
      "flavours/",
      ".gen/",
      "imports/",
      ".bench/",
      ".cdktf-app/",
      ".policy-report/",
      ".plan/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Prettier wraps code at 140 columns (.prettierrc.json) but leaves comments as written: this bounds comment
      // lines to the same width (code lines are Prettier's; a URL may run longer).
      "max-len": ["error", { code: 140, ignoreUrls: true, ignoreTrailingComments: true, ignorePattern: String.raw`^(?!\s*(//|/\*|\*))` }],
    },
  },
  {
    // tsc checks unused names in TypeScript (noUnusedLocals, noUnusedParameters), and unlike this rule it
    // counts a name used only in a JSDoc {@link}; the rule stays on for the plain JavaScript files.
    files: ["**/*.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
  {
    // Code that walks synthesized Terraform JSON (untyped by nature): policy rules, reference resolution,
    // the cost/diagram/runbook scripts, test helpers and tests. Construct code stays free of `any`.
    files: ["modules/policy/**/*.ts", "modules/internal/resolve-references.ts", "scripts/**/*.ts", "**/testing.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The plain JavaScript helpers (the app runner, the code cache, the bench hook) are CommonJS on Node.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        __filename: "readonly",
        console: "readonly",
        Buffer: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
