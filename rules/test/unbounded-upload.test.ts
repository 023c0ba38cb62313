import rule from "../src/rules/unbounded-upload.js";
import { ruleTester } from "./ruleTester.js";

const m = 'import multer from "multer";\n';
const route = "/workspace/app/api/upload/route.ts";

ruleTester(rule, {
  valid: [
    { name: "multer with fileSize and fileFilter", code: `${m}export const upload = multer({\n  storage: multer.memoryStorage(),\n  limits: { fileSize: 5 * 1024 * 1024, files: 1 },\n  fileFilter: (_req, file, cb) => cb(null, ["image/png"].includes(file.mimetype)),\n});` },
    { name: "multer options from a local const", code: `${m}const options = { limits: { fileSize: 1e6 }, fileFilter };\nexport const upload = multer(options);` },
    { name: "multer options built elsewhere", code: `${m}import { uploadOptions } from "./config";\nexport const upload = multer(uploadOptions);` },
    { name: "multer.memoryStorage is not multer()", code: `${m}const storage = multer.memoryStorage();` },
    { name: "busboy with limits", code: 'import busboy from "busboy";\nexport const parse = (req) => busboy({ headers: req.headers, limits: { fileSize: 10 * 1024 * 1024, files: 1 } });' },
    { name: "formidable with maxFileSize", code: 'import formidable from "formidable";\nexport const form = formidable({ maxFileSize: 10 * 1024 * 1024, filter: ({ mimetype }) => !!mimetype?.startsWith("image/") });' },
    { name: "server action: size and type checked before reading", code: '"use server";\nconst MAX = 4 * 1024 * 1024;\nexport async function uploadPhoto(formData: FormData) {\n  const photo = formData.get("photo");\n  if (!(photo instanceof File) || photo.size > MAX) throw new Error("too big");\n  if (!["image/png", "image/jpeg"].includes(photo.type)) throw new Error("bad type");\n  const bytes = Buffer.from(await photo.arrayBuffer());\n  await save(bytes);\n}' },
    { name: "route: checks with file.name extension", filename: route, code: 'export async function POST(req: Request) {\n  const form = await req.formData();\n  const file = form.get("csv") as File;\n  if (file.size > 1_000_000 || !file.name.endsWith(".csv")) return new Response(null, { status: 400 });\n  return Response.json(parse(await file.text()));\n}' },
    { name: "getAll with checks in the loop", filename: route, code: 'export async function POST(req: Request) {\n  const form = await req.formData();\n  const files = form.getAll("photos") as File[];\n  for (const f of files) {\n    if (f.size > 1e6 || !f.type.startsWith("image/")) return new Response(null, { status: 400 });\n    await save(Buffer.from(await f.arrayBuffer()));\n  }\n  return Response.json({});\n}' },
    { name: "text field from the form is not a file", filename: route, code: 'export async function POST(req: Request) {\n  const form = await req.formData();\n  const title = form.get("title") as string;\n  await db.post.create({ data: { title: title.slice(0, 80) } });\n  return Response.json({});\n}' },
    { name: "client-side FormData building is not reading an upload", filename: "/workspace/src/components/Upload.tsx", code: 'export function Upload() {\n  const onChange = (e) => { const fd = new FormData(); fd.append("file", e.target.files[0]); fetch("/api", { method: "POST", body: fd }); };\n  return <input type="file" onChange={onChange} />;\n}' },
  ],
  invalid: [
    { name: "multer with fileSize but no fileFilter", code: `${m}const gpxUpload = multer({\n  dest: "tmp/gpx",\n  limits: { fileSize: 20 * 1024 * 1024 },\n});`, errors: [{ line: 2, column: 19, message: "multer accepts uploads without a type check (fileFilter)" }] },
    { name: "multer with nothing", code: `${m}export const upload = multer({ dest: "uploads/" });`, errors: [{ message: "without a size limit (limits.fileSize) and a type check (fileFilter)" }] },
    { name: "multer() without options", code: 'const multer = require("multer");\nconst upload = multer();', errors: 1 },
    { name: "multer with filter but limits without fileSize", code: `${m}export const upload = multer({ limits: { files: 3 }, fileFilter });`, errors: [{ message: "a size limit" }] },
    { name: "busboy without limits", code: 'import busboy from "busboy";\nexport const parse = (req) => busboy({ headers: req.headers });', errors: [{ message: "busboy" }] },
    { name: "formidable without maxFileSize", code: 'import { IncomingForm } from "formidable";\nexport const form = new IncomingForm({ keepExtensions: true });', errors: [{ message: "formidable" }] },
    { name: "express-fileupload without limits", code: 'import fileUpload from "express-fileupload";\napp.use(fileUpload());', errors: 1 },
    {
      name: "next route: File from formData read unchecked",
      filename: route,
      code: 'export async function POST(request: Request) {\n  const upload = await request.formData();\n  const file = upload.get("menu") as File | null;\n  if (!file) return new Response(null, { status: 400 });\n  const rows = parse(await file.text());\n  return Response.json(rows);\n}',
      errors: [{ line: 3, column: 3, message: "read without checking its size or type" }],
    },
    {
      name: "server action: only the size is checked",
      code: '"use server";\nexport async function avatar(formData: FormData) {\n  const img = formData.get("avatar") as File;\n  if (img.size > 1e6) throw new Error("too big");\n  await put(`avatars/${img.name}`, img, { access: "public" });\n}',
      errors: [{ line: 3, message: "without checking its type" }],
    },
    {
      name: "getAll: every file read without checks",
      filename: route,
      code: 'export async function POST(req: Request) {\n  const form = await req.formData();\n  const files = form.getAll("photos") as File[];\n  for (const f of files) await save(Buffer.from(await f.arrayBuffer()));\n  return Response.json({});\n}',
      errors: [{ line: 3 }],
    },
    {
      name: "hono parseBody file",
      code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.post("/up", async (c) => {\n  const body = await c.req.parseBody();\n  const file = body["file"] as File;\n  await bucket.put(file.name, await file.arrayBuffer());\n  return c.json({});\n});',
      errors: [{ line: 5 }],
    },
    {
      name: "hono: instanceof File, then written to storage",
      code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.post("/up", async (c) => {\n  const form = await c.req.formData();\n  const f = form.get("file");\n  if (!(f instanceof File)) return c.json({}, 400);\n  await bucket.upload(f.name, await f.arrayBuffer());\n  return c.json({});\n});',
      errors: [{ line: 5, message: "size or type" }],
    },
  ],
});
