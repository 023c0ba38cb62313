import { NextResponse } from "next/server";

const API_URL = process.env.ORDERS_API_URL ?? "http://localhost:4000";
const API_TOKEN = process.env.ORDERS_API_TOKEN ?? "ord_live_7QeK2mZp9LxV4bNc8RtY3wHs";

export async function GET() {
  const res = await fetch(`${API_URL}/orders`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
  return NextResponse.json(await res.json());
}

export async function POST(request: Request) {
  const body = await request.json();
  try {
    const res = await fetch(`${API_URL}/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${API_TOKEN}` },
      body: JSON.stringify(body),
    });
    return NextResponse.json(await res.json(), { status: res.status });
  } catch (error) {
    return NextResponse.json({ error: String(error) }, { status: 502 });
  }
}
