const API_URL = process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:4000";

export interface Product {
  id: string;
  name: string;
  priceCents: number;
  imageUrl: string;
  isNew?: boolean;
}

export interface Order {
  id: string;
  status: "pending" | "paid" | "shipped" | "cancelled";
  totalCents: number;
}

export async function listProducts(): Promise<Product[]> {
  const res = await fetch(`${API_URL}/products`, { next: { revalidate: 300 } });
  return res.json();
}

export async function getOrders(): Promise<Order[]> {
  const res = await fetch(`${API_URL}/orders`, { credentials: "include" });
  if (!res.ok) throw new Error(`Could not load orders (${res.status})`);
  return res.json();
}

export async function placeOrder(input: { email: string; items: Array<{ productId: string; qty: number }> }): Promise<Order> {
  const res = await fetch(`${API_URL}/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    credentials: "include",
    body: JSON.stringify(input),
  });
  return res.json();
}

/** Fire-and-forget analytics: losing an event is fine, so failures resolve to null on purpose. */
export function trackEvent(name: string, data: Record<string, unknown>): Promise<Response | null> {
  return fetch("/api/events", { method: "POST", body: JSON.stringify({ name, data }) }).catch(() => null);
}

export function prefetchProduct(id: string): void {
  fetch(`${API_URL}/products/${id}`).catch(() => {});
}
