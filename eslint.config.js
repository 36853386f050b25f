// Lint is also where the layering is enforced (as in VS Code): each folder says what it may import.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { layersPlugin } from './eslint/layers.js';

// Exact names (a pattern like 'domain' would also catch our own shared/domain/ folder).
const nodeBuiltinPaths = builtinModules.map((name) => ({
  name,
  message: 'This layer runs without Node: no Node built-ins.',
}));

const noElectron = { name: 'electron', message: 'Only electron/shell/ may import electron.' };
const noNode = { group: ['node:*'], message: 'This layer runs without Node: no Node built-ins.' };
const noCore = {
  group: ['**/electron/**', '../electron', '../../electron'],
  message: 'The renderer and shared/ never import the core (electron/).',
};
const noRenderer = { group: ['**/renderer/**'], message: 'Only the renderer imports renderer/.' };
const noUi = {
  group: ['react', 'react-dom', 'react/*', '@mui/*', '@emotion/*', 'zustand', 'zustand/*'],
  message: 'shared/ holds contract and pure helpers: no UI libraries.',
};

export default defineConfig(
  {
    ignores: [
      '.stryker-tmp/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.renderer.json',
          './tsconfig.electron.json',
          './tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, ...nodeBuiltinPaths], patterns: [noNode, noCore, noRenderer, noUi] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, ...nodeBuiltinPaths], patterns: [noNode, noCore] },
      ],
    },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/shell/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer] }] },
  },
  {
    // The tiers inside the core: platform < storage < audit < vault < plugins < services <
    // operations < lifecycle < sessions < core < host, shell, cli (eslint/layers.js).
    files: ['electron/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/import-down': ['error', { root: import.meta.dirname }] },
  },
  {
    files: ['electron/shell/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
  {
    files: ['scripts/**', 'test/**', 'eslint/**', '*.config.ts', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
