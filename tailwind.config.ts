import type { Config } from "tailwindcss";
import colors from "tailwindcss/colors";
import forms from "@tailwindcss/forms";
import headlessui from "@headlessui/tailwindcss";

// Tremor 3 needs its theme extension and a safelist for the colour classes it builds at run time.
const tremorColors = ["slate", "gray", "zinc", "neutral", "stone", "red", "orange", "amber", "yellow", "lime", "green", "emerald", "teal", "cyan", "sky", "blue", "indigo", "violet", "purple", "fuchsia", "pink", "rose"].join("|");
const shades = "50|100|200|300|400|500|600|700|800|900|950";

const config: Config = {
  content: [
    "./app/**/*.{ts,tsx}",
    "./components/**/*.{ts,tsx}",
    "./lib/**/*.{ts,tsx}",
    "./node_modules/@tremor/**/*.{js,ts,jsx,tsx}",
  ],
  theme: {
    transparent: "transparent",
    current: "currentColor",
    extend: {
      colors: {
        tremor: {
          brand: { faint: colors.red[50], muted: colors.red[200], subtle: colors.red[400], DEFAULT: colors.red[700], emphasis: colors.red[800], inverted: colors.white },
          background: { muted: colors.gray[50], subtle: colors.gray[100], DEFAULT: colors.white, emphasis: colors.gray[700] },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: { subtle: colors.gray[400], DEFAULT: colors.gray[500], emphasis: colors.gray[700], strong: colors.gray[900], inverted: colors.white },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: { "tremor-small": "0.375rem", "tremor-default": "0.5rem", "tremor-full": "9999px" },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
      fontFamily: {
        sans: ["'Noto Sans CJK SC'", "'PingFang SC'", "'Microsoft YaHei'", "system-ui", "sans-serif"],
      },
    },
  },
  safelist: [
    { pattern: new RegExp(`^(bg-(?:${tremorColors})-(?:${shades}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(text-(?:${tremorColors})-(?:${shades}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(border-(?:${tremorColors})-(?:${shades}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(ring-(?:${tremorColors})-(?:${shades}))$`) },
    { pattern: new RegExp(`^(stroke-(?:${tremorColors})-(?:${shades}))$`) },
    { pattern: new RegExp(`^(fill-(?:${tremorColors})-(?:${shades}))$`) },
  ],
  plugins: [headlessui, forms],
};

export default config;
