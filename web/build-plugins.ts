// Build-only Vite plugins for the NL Design System packages: drop the React components we do not
// use, and check that every component we do use has its CSS (web/src/nl-design-system.ts).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * The NL Design System's React packages define every component as
 * `var X = /*#__PURE__*\/forwardRef(...); X.displayName = 'X';`. The assignment counts as a side
 * effect, so the bundler keeps all ~90 components of @utrecht/component-library-react although we
 * use about thirty. displayName only labels components in React's developer tools; blanking the
 * assignment (same length, so the source map stays right) lets unused components be dropped.
 */
export function utrechtTreeShaking(): Plugin {
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

/** `utrecht-button--primary-action` and `utrecht-button__icon` belong to `utrecht-button`. */
const block = (className: string) => className.replace(/(__|--).*$/, '');

/**
 * The NL Design System components whose classes the scripts or the HTML use but no stylesheet
 * styles: a component whose CSS package web/src/nl-design-system.ts does not import yet.
 */
export function unstyledUtrechtComponents(usedText: string, css: string): string[] {
  const styled = new Set(
    [...css.matchAll(/\.(utrecht-[a-z0-9_-]*[a-z0-9])/g)].map((m) => block(m[1] ?? '')),
  );
  const used = new Set(
    [...usedText.matchAll(/utrecht-[a-z0-9-]*[a-z0-9]/g)].map((m) => block(m[0])),
  );
  // `utrecht-theme` is the design tokens' scope; the others name components.
  return [...used].filter((name) => !styled.has(name) && name !== 'utrecht-theme').sort();
}

/** Stops the build when a screen uses an NL Design System component whose CSS is not imported. */
export function utrechtCssCheck(indexHtml: string): Plugin {
  return {
    name: 'samenkracht:utrecht-css-check',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const usedText = [
        readFileSync(indexHtml, 'utf8'),
        ...files.flatMap((file) => (file.type === 'chunk' ? [file.code] : [])),
      ].join('\n');
      const css = files
        .flatMap((file) =>
          file.type === 'asset' && file.fileName.endsWith('.css') ? [String(file.source)] : [],
        )
        .join('\n');
      const missing = unstyledUtrechtComponents(usedText, css);
      if (missing.length > 0) {
        this.error(
          `NL Design System components without their CSS: ${missing.join(', ')}. Import ` +
            `@utrecht/<component>-css/dist/index.css in web/src/nl-design-system.ts (and add the ` +
            `package to package.json).`,
        );
      }
    },
  };
}
