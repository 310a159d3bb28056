import { Typography } from "antd";
import type { ReactNode } from "react";

/** One titled list inside a home card (the help card's needs and claims, the venues card's bookings). */
export function CardSection(props: { id: string; title: string; children: ReactNode; testId: string }) {
  return (
    <section aria-labelledby={props.id} style={{ marginBottom: 16 }} data-testid={props.testId}>
      <Typography.Title level={5} id={props.id} style={{ marginTop: 0 }}>
        {props.title}
      </Typography.Title>
      <ul style={{ margin: 0, padding: 0 }}>{props.children}</ul>
    </section>
  );
}

/** A list item of a CardSection. */
export const cardItem = { listStyle: "none", marginBottom: 8 } as const;
