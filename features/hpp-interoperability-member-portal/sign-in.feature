@guide:hpp-interoperability-member-portal
Feature: Signing in with a username and password
  "Enter in your username and password and click on the Sign in button to
  launch the Interoperability Member Access Portal."

  The guide does not describe wrong passwords. As Azure AD B2C does, a wrong
  username or password gets one generic message that never says which was
  wrong; password complexity is not checked at sign-in; and after 10
  consecutive failures the account is locked for a minute, doubling with each
  further failure up to 30 minutes.

  Background:
    Given Jane Doe is a member of the plan with Member ID "HP12345678", born "03-14-1985"
    And Jane has an active account

  Rule: A member signs in with her username and password

    @step:login-2
    Scenario: Jane signs in
      When Jane signs in with her username and password
      Then she is signed in to the Interoperability Member Access Portal

    @step:login-2 @step:register-1
    Scenario: Usernames are matched regardless of letter case
      When Jane signs in as "janedoe" with her password
      Then she is signed in to the Interoperability Member Access Portal

    @step:login-2
    Scenario: Both fields are required
      When Jane signs in leaving out the password
      Then she is told "This information is required."
      And she is not signed in

  Rule: A wrong username or password gets one message that does not say which

    @step:login-2
    Scenario: A wrong password is refused without detail
      When Jane signs in with the password "Spring#2025"
      Then she is told "Invalid username or password."
      And she is not signed in

    @step:login-2
    Scenario: An unknown username gets the very same message
      When someone signs in as "NoSuchUser" with the password "Spring#2026"
      Then they are told "Invalid username or password."

  Rule: Repeated failures lock the account for a while

    @step:login-2
    Scenario: After ten failures even the right password must wait
      When Jane signs in with a wrong password 11 times
      And Jane signs in with her username and password
      Then she is told "Your account is temporarily locked to prevent unauthorized use. Try again later."

    @step:login-2
    Scenario: The lock lifts with time
      When Jane signs in with a wrong password 11 times
      And 2 minutes pass
      And Jane signs in with her username and password
      Then she is signed in to the Interoperability Member Access Portal
