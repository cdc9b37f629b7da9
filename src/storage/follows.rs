//! Who follows which source (a station, an artist, a show), kept per listener, and the ledger of go-live
//! notifications already sent.
//!
//! The port is object-safe (boxed futures) so the skill and the `notify` function hold it as `Arc<dyn FollowStore>`:
//! adding it touched no generic parameter of [`crate::skill::Skill`].

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};

use super::StoreError;
use super::playback_state::UserKey;

/// How many sources one listener may follow: a bound on the items a listener can make us store, and on the
/// notifications one show can trigger for them.
pub const MAX_FOLLOWS: usize = 100;

/// A boxed future, so [`FollowStore`] and [`NotificationLedger`] can be trait objects.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// One source a listener follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    /// The source key (`radio-uno`): the same key the schedule's names and Alexa's entity ids use.
    pub source: String,
    /// The name as the schedule writes it ("Radio Uno"), to speak it back.
    pub name: String,
    /// When the listener asked (the request's timestamp).
    pub since: DateTime<Utc>,
}

/// A listener as the notifier needs them: the Proactive Events API addresses a Unicast event to the raw Alexa
/// `userId`, so it is kept on the follower item (and only there) for as long as the listener follows something.
#[derive(Clone, PartialEq, Eq)]
pub struct Listener {
    /// The hashed user id: the key of everything stored about the listener.
    pub key: UserKey,
    /// The Alexa `userId` (`amzn1.ask.account.…`), needed for a Unicast event. Never logged.
    pub user_id: String,
    /// The locale the listener spoke in when following (the notification's language, and which shows they may be
    /// offered).
    pub locale: String,
}

impl std::fmt::Debug for Listener {
    /// The user id stays out of logs and test output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("key", &self.key)
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

/// The outcome of [`FollowStore::follow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Followed {
    /// Stored.
    Added,
    /// The listener already followed it; nothing changed.
    AlreadyFollowing,
    /// The listener follows [`MAX_FOLLOWS`] sources already; nothing changed.
    Full,
}

/// The outcome of [`FollowStore::unfollow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfollowed {
    /// Removed.
    Removed,
    /// The listener did not follow it.
    NotFollowing,
}

/// Where follows are kept.
pub trait FollowStore: Send + Sync {
    /// The sources `user` follows, oldest first.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be read.
    fn follows<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, Vec<Follow>>;

    /// `listener` follows `follow.source`, unless they already do or follow [`MAX_FOLLOWS`] sources.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written.
    fn follow<'a>(
        &'a self,
        listener: &'a Listener,
        follow: &'a Follow,
    ) -> StoreFuture<'a, Followed>;

    /// `user` no longer follows `source`.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written.
    fn unfollow<'a>(&'a self, user: &'a UserKey, source: &'a str) -> StoreFuture<'a, Unfollowed>;

    /// Everyone who follows `source`.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be read.
    fn followers<'a>(&'a self, source: &'a str) -> StoreFuture<'a, Vec<Listener>>;

    /// Forgets everything `user` follows (and with it their Alexa user id): the skill was disabled.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written.
    fn forget<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, ()>;
}

/// The outcome of [`NotificationLedger::claim`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// Nobody sent this notification yet: the caller sends it.
    New,
    /// It was sent (or is being sent) already: a retried run skips it.
    AlreadySent,
}

/// The notifications already sent, by their stable `referenceId`, so a retried or overlapping run never notifies
/// a listener twice about one show.
pub trait NotificationLedger: Send + Sync {
    /// Claims `reference_id` (kept until `expires`), conditionally: only one claim of an id ever succeeds.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written.
    fn claim<'a>(
        &'a self,
        reference_id: &'a str,
        expires: DateTime<Utc>,
    ) -> StoreFuture<'a, Claimed>;

    /// Gives a claim back after the notification could not be sent, so the next run tries again.
    ///
    /// # Errors
    /// Returns [`StoreError`] when the store cannot be written.
    fn release<'a>(&'a self, reference_id: &'a str) -> StoreFuture<'a, ()>;
}

/// Follows and the notification ledger in memory: `onair say`, `onair test`, `onair serve` and the tests.
#[derive(Debug, Default)]
pub struct InMemoryFollows {
    state: Mutex<FollowState>,
}

#[derive(Debug, Default)]
struct FollowState {
    /// Per user, per source key.
    follows: HashMap<UserKey, BTreeMap<String, Follow>>,
    listeners: HashMap<UserKey, Listener>,
    sent: BTreeMap<String, DateTime<Utc>>,
}

impl InMemoryFollows {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut FollowState) -> T) -> T {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut state)
    }
}

fn ready<'a, T: Send + 'a>(value: T) -> StoreFuture<'a, T> {
    Box::pin(std::future::ready(Ok(value)))
}

impl FollowStore for InMemoryFollows {
    fn follows<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, Vec<Follow>> {
        let mut follows: Vec<Follow> = self.with(|state| {
            state
                .follows
                .get(user)
                .map(|follows| follows.values().cloned().collect())
                .unwrap_or_default()
        });
        follows.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.source.cmp(&b.source)));
        ready(follows)
    }

    fn follow<'a>(
        &'a self,
        listener: &'a Listener,
        follow: &'a Follow,
    ) -> StoreFuture<'a, Followed> {
        let outcome = self.with(|state| {
            let follows = state.follows.entry(listener.key.clone()).or_default();
            if follows.contains_key(&follow.source) {
                return Followed::AlreadyFollowing;
            }
            if follows.len() >= MAX_FOLLOWS {
                return Followed::Full;
            }
            follows.insert(follow.source.clone(), follow.clone());
            state
                .listeners
                .insert(listener.key.clone(), listener.clone());
            Followed::Added
        });
        ready(outcome)
    }

    fn unfollow<'a>(&'a self, user: &'a UserKey, source: &'a str) -> StoreFuture<'a, Unfollowed> {
        let outcome =
            self.with(
                |state| match state.follows.get_mut(user).and_then(|f| f.remove(source)) {
                    Some(_) => Unfollowed::Removed,
                    None => Unfollowed::NotFollowing,
                },
            );
        ready(outcome)
    }

    fn followers<'a>(&'a self, source: &'a str) -> StoreFuture<'a, Vec<Listener>> {
        let mut followers: Vec<Listener> = self.with(|state| {
            state
                .follows
                .iter()
                .filter(|(_, follows)| follows.contains_key(source))
                .filter_map(|(user, _)| state.listeners.get(user).cloned())
                .collect()
        });
        followers.sort_by(|a, b| a.key.as_str().cmp(b.key.as_str()));
        ready(followers)
    }

    fn forget<'a>(&'a self, user: &'a UserKey) -> StoreFuture<'a, ()> {
        self.with(|state| {
            state.follows.remove(user);
            state.listeners.remove(user);
        });
        ready(())
    }
}

impl NotificationLedger for InMemoryFollows {
    fn claim<'a>(
        &'a self,
        reference_id: &'a str,
        expires: DateTime<Utc>,
    ) -> StoreFuture<'a, Claimed> {
        let outcome = self.with(|state| {
            if state.sent.contains_key(reference_id) {
                Claimed::AlreadySent
            } else {
                state.sent.insert(reference_id.to_owned(), expires);
                Claimed::New
            }
        });
        ready(outcome)
    }

    fn release<'a>(&'a self, reference_id: &'a str) -> StoreFuture<'a, ()> {
        self.with(|state| state.sent.remove(reference_id));
        ready(())
    }
}

/// The follow store of a skill wired without one: reading or changing follows is unavailable (the listener hears
/// a short apology, the welcome leaves favourites out), exactly as when the follows table cannot be reached.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFollows;

fn not_configured<'a, T: Send + 'a>() -> StoreFuture<'a, T> {
    Box::pin(std::future::ready(Err(StoreError::Unavailable(
        "no follow store is configured".into(),
    ))))
}

impl FollowStore for NoFollows {
    fn follows<'a>(&'a self, _user: &'a UserKey) -> StoreFuture<'a, Vec<Follow>> {
        not_configured()
    }

    fn follow<'a>(
        &'a self,
        _listener: &'a Listener,
        _follow: &'a Follow,
    ) -> StoreFuture<'a, Followed> {
        not_configured()
    }

    fn unfollow<'a>(&'a self, _user: &'a UserKey, _source: &'a str) -> StoreFuture<'a, Unfollowed> {
        not_configured()
    }

    fn followers<'a>(&'a self, _source: &'a str) -> StoreFuture<'a, Vec<Listener>> {
        not_configured()
    }

    fn forget<'a>(&'a self, _user: &'a UserKey) -> StoreFuture<'a, ()> {
        ready(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listener(id: &str) -> Listener {
        Listener {
            key: UserKey::from_user_id(id),
            user_id: id.to_owned(),
            locale: "en-US".to_owned(),
        }
    }

    fn follow(source: &str) -> Follow {
        Follow {
            source: source.to_owned(),
            name: source.to_owned(),
            since: DateTime::UNIX_EPOCH,
        }
    }

    #[tokio::test]
    async fn following_is_bounded_and_idempotent() {
        let store = InMemoryFollows::new();
        let me = listener("amzn1.ask.account.ME");
        assert_eq!(
            store.follow(&me, &follow("radio-uno")).await.unwrap(),
            Followed::Added
        );
        assert_eq!(
            store.follow(&me, &follow("radio-uno")).await.unwrap(),
            Followed::AlreadyFollowing
        );
        for n in 1..MAX_FOLLOWS {
            store
                .follow(&me, &follow(&format!("source-{n}")))
                .await
                .unwrap();
        }
        assert_eq!(
            store.follow(&me, &follow("one-too-many")).await.unwrap(),
            Followed::Full
        );
        assert_eq!(store.follows(&me.key).await.unwrap().len(), MAX_FOLLOWS);
        assert_eq!(
            store.followers("radio-uno").await.unwrap(),
            vec![me.clone()]
        );
        assert_eq!(
            store.unfollow(&me.key, "radio-uno").await.unwrap(),
            Unfollowed::Removed
        );
        assert_eq!(
            store.unfollow(&me.key, "radio-uno").await.unwrap(),
            Unfollowed::NotFollowing
        );
        assert!(store.followers("radio-uno").await.unwrap().is_empty());
        assert!(!format!("{me:?}").contains("amzn1"));
        store.forget(&me.key).await.unwrap();
        assert!(store.follows(&me.key).await.unwrap().is_empty());
        assert!(store.followers("source-1").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_notification_is_claimed_once_until_released() {
        let ledger = InMemoryFollows::new();
        let expires = DateTime::UNIX_EPOCH;
        assert_eq!(ledger.claim("ref-1", expires).await.unwrap(), Claimed::New);
        assert_eq!(
            ledger.claim("ref-1", expires).await.unwrap(),
            Claimed::AlreadySent
        );
        ledger.release("ref-1").await.unwrap();
        assert_eq!(ledger.claim("ref-1", expires).await.unwrap(), Claimed::New);
    }
}
