import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An UPDATE or DELETE without WHERE touches every row: never on purpose here.
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Pages, route handlers and components reach data through lib functions that take the actor
    // (docs/architecture.md): the database client is imported only under lib/, db/ and scripts/.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "@/db/client", allowTypeImports: true, message: "app/ and components/ call lib functions (fn(db, actor, input)); the db comes from apiRoute/serverAction/requirePage." }] },
      ],
    },
  },
  {
    ignores: [".next*/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results*/**", "playwright-report/**"],
  },
];

export default config;
