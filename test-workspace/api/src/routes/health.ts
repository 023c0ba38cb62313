import { Router } from "express";
import { pool } from "../db";

export const healthRouter = Router();

healthRouter.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

healthRouter.get("/readyz", async (_req, res) => {
  try {
    await pool.query("SELECT 1");
    res.json({ ok: true });
  } catch (error) {
    console.error("database not ready", error);
    res.status(503).json({ ok: false });
  }
});
