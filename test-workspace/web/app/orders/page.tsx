"use client";

import { useEffect, useState } from "react";
import { getOrders, type Order } from "../../lib/api";
import { OrderList } from "../../components/cart";

export default function OrdersPage() {
  const [orders, setOrders] = useState<Order[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getOrders()
      .then(setOrders)
      .catch((err: Error) => setError(err.message))
      .finally(() => setLoading(false));
  }, []);

  if (loading) return <p aria-busy="true">Loading your orders…</p>;
  if (error) return <p role="alert">Could not load your orders. Please try again.</p>;
  return <OrderList orders={orders} />;
}
