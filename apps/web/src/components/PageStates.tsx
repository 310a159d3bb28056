import { Button, Flex, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../lib/api/client.ts";

export function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}

/** An error in place of a page or panel, with the server's localized message and a retry button. */
export function PageError(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { error } = props;
  const status = isApiError(error) ? error.status : 0;
  const message = error instanceof Error ? error.message : t("errors.title");
  return (
    <Result
      status={status === 403 ? "403" : status === 404 ? "404" : "warning"}
      title={t("errors.title")}
      subTitle={message}
      extra={
        props.onRetry ? (
          <Button type="primary" onClick={props.onRetry}>
            {t("common.retry")}
          </Button>
        ) : null
      }
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t("errors.forbidden")} />;
}

/** Inside the signed-in shell (brand, menu): says so plainly and offers the way home. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("errors.notFound")}
      extra={
        <Link to="/">
          <Button type="primary" data-testid="not-found-home">
            {t("errors.backHome")}
          </Button>
        </Link>
      }
    />
  );
}
