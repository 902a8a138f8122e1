import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { utrechtCssCheck, utrechtTreeShaking } from './build-plugins';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    utrechtTreeShaking(),
    utrechtCssCheck(fileURLToPath(new URL('./index.html', import.meta.url))),
  ],
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
