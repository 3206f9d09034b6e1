package dev.tminus.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends JpaRepository<Account, Long> {

	Optional<Account> findByUsername(String username);

	boolean existsByUsername(String username);

	List<Account> findAllByOrderByUsernameAsc();

	List<Account> findByIdIn(Collection<Long> ids);

	long countByRoleAndEnabledTrue(GlobalRole role);

	/**
	 * One atomic statement, so concurrent wrong guesses cannot race past the limit: the
	 * attempt that reaches {@code max} locks the account and starts counting afresh.
	 */
	@Modifying
	@Query(value = """
			update account
			   set failed_attempts = case when failed_attempts + 1 >= :max then 0 else failed_attempts + 1 end,
			       locked_until = case when failed_attempts + 1 >= :max then :lockedUntil else locked_until end
			 where username = :username
			""", nativeQuery = true)
	int recordFailedLogin(@Param("username") String username, @Param("max") int max,
			@Param("lockedUntil") Instant lockedUntil);

	@Modifying
	@Query(value = "update account set failed_attempts = 0 where username = :username and failed_attempts <> 0",
			nativeQuery = true)
	int resetFailedLogins(@Param("username") String username);

}
