//! [`DynamoDbFollows`]: follows and the notification ledger in the follows table (see [`tables::FOLLOWS`]).
//!
//! | item | `pk` | `sk` | attributes |
//! |---|---|---|---|
//! | a follow | `USER#<user key>` | `FOLLOW#<source key>` | `source`, `name`, `since` |
//! | the listener's count | `USER#<user key>` | `COUNT` | `follows` (a number, at most [`MAX_FOLLOWS`]) |
//! | a follower | `SOURCE#<source key>` | `USER#<user key>` | `userId` (for Unicast), `locale`, `since` |
//! | a sent notification | `SENT#<referenceId>` | `SENT` | `ttl` |
//!
//! A follow and its follower item are written in one transaction with the count, conditionally: the count never
//! passes [`MAX_FOLLOWS`], and a second "follow Radio Uno" changes nothing.

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};
use chrono::{DateTime, Utc};

use super::follows::{
    Claimed, Follow, FollowStore, Followed, Listener, MAX_FOLLOWS, NotificationLedger, StoreFuture,
    Unfollowed,
};
use super::playback_state::UserKey;
use super::{StoreError, tables};

/// Follows and sent notifications in DynamoDB.
#[derive(Debug, Clone)]
pub struct DynamoDbFollows {
    client: Client,
    table: String,
}

impl DynamoDbFollows {
    /// A store over the follows table named `table`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }
}

fn s(text: impl Into<String>) -> AttributeValue {
    AttributeValue::S(text.into())
}

fn n(number: usize) -> AttributeValue {
    AttributeValue::N(number.to_string())
}

fn user_pk(user: &UserKey) -> String {
    format!("USER#{}", user.as_str())
}

fn key(pk: String, sk: String) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (tables::FOLLOWS.partition_key.to_owned(), s(pk)),
        ("sk".to_owned(), s(sk)),
    ])
}

fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Unavailable(Box::new(error))
}

/// Which items of a cancelled transaction failed their condition (by position).
fn failed_conditions(
    error: &SdkError<TransactWriteItemsError, impl std::fmt::Debug>,
) -> Option<Vec<bool>> {
    let TransactWriteItemsError::TransactionCanceledException(cancelled) =
        error.as_service_error()?
    else {
        return None;
    };
    Some(
        cancelled
            .cancellation_reasons()
            .iter()
            .map(|reason| reason.code() == Some("ConditionalCheckFailed"))
            .collect(),
    )
}

impl DynamoDbFollows {
    async fn query_all(
        &self,
        pk: String,
        sk_prefix: &str,
    ) -> Result<Vec<HashMap<String, AttributeValue>>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .client
                .query()
                .table_name(&self.table)
                .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                .expression_attribute_values(":pk", s(pk.clone()))
                .expression_attribute_values(":prefix", s(sk_prefix))
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(unavailable)?;
            items.extend(page.items.unwrap_or_default());
            match page.last_evaluated_key {
                Some(next) if !next.is_empty() => start = Some(next),
                _ => return Ok(items),
            }
        }
    }

    async fn load_follows(&self, user: &UserKey) -> Result<Vec<Follow>, StoreError> {
        let items = self.query_all(user_pk(user), "FOLLOW#").await?;
        let text = |item: &HashMap<String, AttributeValue>, name: &str| {
            item.get(name).and_then(|v| v.as_s().ok()).cloned()
        };
        let mut follows: Vec<Follow> = items
            .iter()
            .filter_map(|item| {
                Some(Follow {
                    source: text(item, "source")?,
                    name: text(item, "name")?,
                    since: DateTime::parse_from_rfc3339(&text(item, "since")?)
                        .ok()?
                        .with_timezone(&Utc),
                })
            })
            .collect();
        follows.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.source.cmp(&b.source)));
        Ok(follows)
    }

    async fn add(&self, listener: &Listener, follow: &Follow) -> Result<Followed, StoreError> {
        let pk = user_pk(&listener.key);
        let since = follow
            .since
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let count = Update::builder()
            .table_name(&self.table)
            .set_key(Some(key(pk.clone(), "COUNT".to_owned())))
            .update_expression("SET follows = if_not_exists(follows, :zero) + :one")
            .condition_expression("attribute_not_exists(follows) OR follows < :max")
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":max", n(MAX_FOLLOWS))
            .build()
            .map_err(unavailable)?;
        let mut item = key(pk, format!("FOLLOW#{}", follow.source));
        item.insert("source".to_owned(), s(follow.source.clone()));
        item.insert("name".to_owned(), s(follow.name.clone()));
        item.insert("since".to_owned(), s(since.clone()));
        let own = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .build()
            .map_err(unavailable)?;
        let mut follower = key(format!("SOURCE#{}", follow.source), user_pk(&listener.key));
        follower.insert("userId".to_owned(), s(listener.user_id.clone()));
        follower.insert("locale".to_owned(), s(listener.locale.clone()));
        follower.insert("since".to_owned(), s(since));
        let follower = Put::builder()
            .table_name(&self.table)
            .set_item(Some(follower))
            .build()
            .map_err(unavailable)?;
        let written = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(count).build())
            .transact_items(TransactWriteItem::builder().put(own).build())
            .transact_items(TransactWriteItem::builder().put(follower).build())
            .send()
            .await;
        match written {
            Ok(_) => Ok(Followed::Added),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([_, true, ..]) => Ok(Followed::AlreadyFollowing),
                Some([true, ..]) => Ok(Followed::Full),
                _ => Err(unavailable(error)),
            },
        }
    }

    async fn remove(&self, user: &UserKey, source: &str) -> Result<Unfollowed, StoreError> {
        let pk = user_pk(user);
        let own = Delete::builder()
            .table_name(&self.table)
            .set_key(Some(key(pk.clone(), format!("FOLLOW#{source}"))))
            .condition_expression("attribute_exists(pk)")
            .build()
            .map_err(unavailable)?;
        let count = Update::builder()
            .table_name(&self.table)
            .set_key(Some(key(pk.clone(), "COUNT".to_owned())))
            .update_expression("SET follows = follows - :one")
            .condition_expression("follows > :zero")
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":one", n(1))
            .build()
            .map_err(unavailable)?;
        let follower = Delete::builder()
            .table_name(&self.table)
            .set_key(Some(key(format!("SOURCE#{source}"), pk)))
            .build()
            .map_err(unavailable)?;
        let written = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().delete(own).build())
            .transact_items(TransactWriteItem::builder().update(count).build())
            .transact_items(TransactWriteItem::builder().delete(follower).build())
            .send()
            .await;
        match written {
            Ok(_) => Ok(Unfollowed::Removed),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Ok(Unfollowed::NotFollowing),
                _ => Err(unavailable(error)),
            },
        }
    }

    async fn load_followers(&self, source: &str) -> Result<Vec<Listener>, StoreError> {
        let items = self.query_all(format!("SOURCE#{source}"), "USER#").await?;
        let text = |item: &HashMap<String, AttributeValue>, name: &str| {
            item.get(name).and_then(|v| v.as_s().ok()).cloned()
        };
        Ok(items
            .iter()
            .filter_map(|item| {
                let sk = text(item, "sk")?;
                Some(Listener {
                    key: UserKey::from_hex(sk.strip_prefix("USER#")?)?,
                    user_id: text(item, "userId")?,
                    locale: text(item, "locale")?,
                })
            })
            .collect())
    }

    /// Each follow goes as an unfollow does (its follower item with it), then the count.
    async fn forget_all(&self, user: &UserKey) -> Result<(), StoreError> {
        for follow in self.load_follows(user).await? {
            self.remove(user, &follow.source).await?;
        }
        self.client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(user_pk(user), "COUNT".to_owned())))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn put_claim(
        &self,
        reference_id: &str,
        expires: DateTime<Utc>,
    ) -> Result<Claimed, StoreError> {
        let mut item = key(format!("SENT#{reference_id}"), "SENT".to_owned());
        item.insert(
            tables::FOLLOWS.ttl_attribute.to_owned(),
            AttributeValue::N(expires.timestamp().to_string()),
        );
        let written = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match written {
            Ok(_) => Ok(Claimed::New),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|error| error.is_conditional_check_failed_exception()) =>
            {
                Ok(Claimed::AlreadySent)
            }
            Err(error) => Err(unavailable(error)),
        }
    }

    async fn delete_claim(&self, reference_id: &str) -> Result<(), StoreError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("SENT#{reference_id}"), "SENT".to_owned())))
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }
}

impl FollowStore for DynamoDbFollows {
    fn follows<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, Vec<Follow>> {
        Box::pin(self.load_follows(user))
    }

    fn follow<'a>(
        &'a self,
        listener: &'a Listener,
        follow: &'a Follow,
    ) -> StoreFuture<'a, Followed> {
        Box::pin(self.add(listener, follow))
    }

    fn unfollow<'a>(&'a self, user: &'a UserKey, source: &'a str) -> StoreFuture<'a, Unfollowed> {
        Box::pin(self.remove(user, source))
    }

    fn followers<'a>(&'a self, source: &'a str) -> StoreFuture<'a, Vec<Listener>> {
        Box::pin(self.load_followers(source))
    }

    fn forget<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, ()> {
        Box::pin(self.forget_all(user))
    }
}

impl NotificationLedger for DynamoDbFollows {
    fn claim<'a>(
        &'a self,
        reference_id: &'a str,
        expires: DateTime<Utc>,
    ) -> StoreFuture<'a, Claimed> {
        Box::pin(self.put_claim(reference_id, expires))
    }

    fn release<'a>(&'a self, reference_id: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(self.delete_claim(reference_id))
    }
}
