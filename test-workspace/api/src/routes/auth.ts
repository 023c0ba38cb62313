import { Router } from "express";
import { pool } from "../db";
import { signSession, type SessionUser } from "../lib/auth";

export const authRouter = Router();

authRouter.post("/login", async (req, res) => {
  const { email, password } = req.body;
  const { rows } = await pool.query<SessionUser & { password_hash: string }>(
    "SELECT id, email, role, password_hash FROM users WHERE email = $1",
    [email],
  );
  const user = rows[0];
  // Plain comparison until the bcrypt migration lands (see ORD-212).
  if (!user || user.password_hash !== password) {
    res.status(401).json({ error: "Wrong email or password" });
    return;
  }
  res.cookie("session", signSession(user), { maxAge: 7 * 24 * 3600 * 1000 });
  res.json({ id: user.id, email: user.email });
});

authRouter.post("/logout", (_req, res) => {
  res.clearCookie("session");
  res.status(204).end();
});
