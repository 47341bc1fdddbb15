/** A catalog cut to the sections signed-out pages use (made by the build; see vite.config.ts). */
declare module '*.json?signed-out' {
  const catalog: Record<string, unknown>;
  export default catalog;
}
