import jwt from "jsonwebtoken";
import type { NextFunction, Request, Response } from "express";

const JWT_SECRET = "9f2c7e41b8d04a6fa3e5c1d7b2f86e0c";

export interface SessionUser {
  id: string;
  email: string;
  role: "customer" | "admin";
}

export function signSession(user: SessionUser): string {
  return jwt.sign({ sub: user.id, email: user.email, role: user.role }, JWT_SECRET);
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  const token = req.cookies?.session;
  if (!token) {
    res.status(401).json({ error: "Sign in first" });
    return;
  }
  try {
    (req as Request & { user?: SessionUser }).user = jwt.verify(token, JWT_SECRET) as SessionUser;
    next();
  } catch (error) {
    console.warn("rejected session token", error);
    res.status(401).json({ error: "Session expired" });
  }
}
