import type { FileIndex } from "../engine/fileIndex.js";

/** Test, spec, fixture, story and mock files: credentials there are fixtures, not deployments. */
export function isTestFile(relPath: string): boolean {
  return /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|specs?|e2e|cypress|playwright|fixtures?|mocks?|stories)\//i.test(relPath) ||
    /\.(?:test|spec|e2e|cy|stories|fixture|mock)\.[cm]?[jt]sx?$/i.test(relPath);
}

const SERVER_PATH = /(?:^|\/)(?:pages\/api|app\/api)\/|^api\/|(?:^|\/)(?:server|functions|netlify|scripts|backend|lambda|workers?|routes|middlewares?|prisma|db|migrations|cli|bin)(?:\/|$)|\.config\.[cm]?[jt]s$|\.server\.[cm]?[jt]sx?$|(?:^|\/)route\.[cm]?[jt]s$/;
const SERVER_DEPS = ["express", "fastify", "koa", "@hono/node-server", "@nestjs/core", "next", "@remix-run/node", "@sveltejs/kit", "nuxt", "astro"];

/**
 * Which bundler ships this file to the browser, if any: "next" for `'use client'` files, "vite"
 * for a Vite (or CRA) app's source outside server folders. Undefined when it runs on a server or
 * we cannot tell.
 */
export function clientBundler(relPath: string, index: FileIndex, deps: ReadonlySet<string> | undefined): "next" | "vite" | undefined {
  if (index.directives.has("use server")) return undefined;
  if (index.directives.has("use client")) return "next";
  if (SERVER_PATH.test(relPath)) return undefined;
  const serverApp = deps ? SERVER_DEPS.some((d) => deps.has(d)) : false;
  if (serverApp) return undefined;
  if (deps && (deps.has("vite") || deps.has("react-scripts"))) return "vite";
  // Without a package.json, a file reading import.meta.env.VITE_* is Vite client code.
  if (index.propertyAccesses.some((p) => p.name.text.startsWith("VITE_"))) return "vite";
  return undefined;
}
