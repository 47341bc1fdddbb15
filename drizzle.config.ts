import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/core/*.schema.ts', './src/areas/*/*.schema.ts'],
  out: './src/core/db/migrations',
});
