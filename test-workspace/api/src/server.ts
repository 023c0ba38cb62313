import express from "express";
import cookieParser from "cookie-parser";
import { authRouter } from "./routes/auth";
import { ordersRouter } from "./routes/orders";
import { healthRouter } from "./routes/health";
import { pool } from "./db";

const app = express();

app.use(express.json());
app.use(cookieParser());

app.use("/auth", authRouter);
app.use("/orders", ordersRouter);
app.use(healthRouter);

app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error(err);
  res.status(500).json({ error: err.message, stack: err.stack });
});

const port = Number(process.env.PORT ?? 4000);

const server = app.listen(port, () => {
  console.log(`orders-api listening on :${port}`);
});

process.on("SIGTERM", () => {
  server.close(() => {
    pool.end().catch(() => null);
  });
});
