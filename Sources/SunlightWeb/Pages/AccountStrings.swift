/// Words of the account pages' token section, in both languages: the accounts capability's
/// strings (`AccountsCapability.strings`), merged into `{{t.…}}`.
enum AccountStrings {
    static let table: [String: (zh: String, en: String)] = [
        "tokens": ("API 令牌", "API tokens"),
        "tokens_intro": ("令牌到期自动失效；重置密码或停用账户会吊销该用户的全部令牌并结束其全部会话，重新启用账户不会恢复它们。令牌本身只在创建时显示一次（sunlight token create）。",
                         "Tokens stop working when they expire; resetting the password or disabling the account revokes all of the user's tokens and ends all their sessions, and enabling the account again brings none back. A token's secret is shown once, when it is created (sunlight token create)."),
        "no_tokens": ("没有令牌。", "No tokens."),
        "token_id": ("编号", "ID"),
        "token_name": ("名称", "Name"),
        "token_state": ("状态", "State"),
        "created": ("创建时间", "Created"),
        "expires": ("到期时间", "Expires"),
        "last_used": ("最近使用", "Last used"),
        "revoke": ("吊销", "Revoke"),
        "revoked_flash": ("令牌已吊销。", "Token revoked."),
        "state_active": ("有效", "Active"),
        "state_revoked": ("已吊销", "Revoked"),
        "state_expired": ("已过期", "Expired"),
        "never": ("从未", "Never"),
    ]
}
