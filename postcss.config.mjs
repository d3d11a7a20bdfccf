// Tailwind CSS 4: the PostCSS plugin lives in its own package; all theme
// configuration is CSS-first, in app/globals.css (no tailwind.config.js).
const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
