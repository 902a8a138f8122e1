import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The NL Design System's React packages define every component as
 * `var X = /*#__PURE__*\/forwardRef(...); X.displayName = 'X';`. The assignment counts as a side
 * effect, so the bundler keeps all ~90 components of @utrecht/component-library-react although we
 * use about thirty. displayName only labels components in React's developer tools; blanking the
 * assignment (same length, so the source map stays right) lets unused components be dropped.
 */
function utrechtTreeShaking(): Plugin {
  return {
    name: 'samenkracht:utrecht-tree-shaking',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]@utrecht[\\/][^\\/]+-react[\\/]dist[\\/]index\.mjs$/ },
      handler(code) {
        const blanked = code.replace(/^\w+\.displayName = '\w+';$/gm, (line) =>
          ' '.repeat(line.length),
        );
        return { code: blanked, map: null };
      },
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), utrechtTreeShaking()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      treeshake: {
        // The NL Design System's React packages declare no "sideEffects" in package.json, so by
        // default every component they export would be bundled, used or not. They only define
        // components (their CSS comes separately, from main.tsx), so unused ones may be dropped.
        moduleSideEffects: [
          {
            test: /node_modules[\\/]@utrecht[\\/][^\\/]+-react[\\/].*\.m?js$/,
            sideEffects: false,
          },
        ],
        manualPureFunctions: ['forwardRef'],
      },
      output: {
        // Libraries change less often than our code: separate chunks cache better.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
            { name: 'nl-design-system', test: /node_modules[\\/]@utrecht[\\/]/ },
            // Charts are loaded on demand (components/Chart.tsx): keep them out of the first screen.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
