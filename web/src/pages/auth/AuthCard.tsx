import type { ComponentChildren } from 'preact';
import './auth.css';

/** The frame of the signed-out pages: the product's name, the page's heading, and its form. */
export function AuthCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card auth-card" aria-labelledby="auth-title">
      <p class="auth-brand">Filora</p>
      <h1 id="auth-title">{title}</h1>
      {children}
    </section>
  );
}
